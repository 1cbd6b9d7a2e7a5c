import {
  BODY_LIMITS,
  bodyProblem,
  controlCharacterProblem,
  pathProblem,
  queryProblem,
  unstorableText,
} from './input-limits';

describe('input limits', () => {
  it('finds text PostgreSQL cannot store: U+0000 and lone surrogates, not proper pairs', () => {
    expect(unstorableText('a\u0000b')).toMatch(/U\+0000/);
    expect(unstorableText('x\ud800y')).toMatch(/lone surrogate \(U\+D800\)/);
    expect(unstorableText('\udc00 at the start')).toMatch(/U\+DC00/);
    expect(unstorableText('ends high \ud83d')).toMatch(/U\+D83D/);
    expect(unstorableText('emoji 😀 ñ 中')).toBeUndefined();
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'prototype'])(
    'refuses a member or query parameter named %s, which every object has',
    (name) => {
      expect(bodyProblem(JSON.parse(`{"name":"x","${name}":{"a":1}}`))).toEqual({
        field: name,
        message: 'should not exist',
      });
      expect(bodyProblem(JSON.parse(`{"contacts":[{"${name}":1}]}`))).toEqual({
        field: `contacts[0].${name}`,
        message: 'should not exist',
      });
      expect(queryProblem({ limit: '5', [name]: '1' })).toEqual({
        field: name,
        message: 'should not exist',
      });
    },
  );

  it('names the offending member of a body by its path', () => {
    expect(bodyProblem({ contacts: [{ name: 'ok' }, { email: 'a\u0000' }] })).toEqual({
      field: 'contacts[1].email',
      message: expect.stringMatching(/U\+0000/),
    });
    expect(bodyProblem({ ['bad\u0000key']: 1 })).toEqual({
      field: 'body',
      message: expect.stringMatching(/member name/),
    });
    expect(bodyProblem({ name: 'fine', tasks: [{ key: 'x' }] })).toBeUndefined();
  });

  it('stops at the depth, member and item limits without recursing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(bodyProblem(deep)?.message).toMatch(/nested too deeply/);
    const wide = Object.fromEntries(
      Array.from({ length: BODY_LIMITS.maxKeys + 1 }, (_, i) => [`k${i}`, i]),
    );
    expect(bodyProblem({ wide })).toEqual({
      field: 'wide',
      message: expect.stringMatching(/101 members/),
    });
    expect(
      bodyProblem({ list: Array.from({ length: BODY_LIMITS.maxItems + 1 }, () => 0) }),
    ).toEqual({
      field: 'list',
      message: expect.stringMatching(/1001 items/),
    });
    expect(bodyProblem(Array.from({ length: BODY_LIMITS.maxItems }, () => ({ a: [1] })))).toBe(
      undefined,
    );
  });

  it('checks query values and paths', () => {
    expect(queryProblem({ q: 'a\u0000', limit: '5' })).toEqual({
      field: 'q',
      message: expect.any(String),
    });
    expect(queryProblem({ tag: ['ok', 'x\ud800'] })?.field).toBe('tag');
    expect(pathProblem('/api/v1/templates/a%00b')?.field).toBe('path');
    expect(pathProblem('/api/v1/templates/%E0%A4%A')?.message).toMatch(/malformed/);
    expect(pathProblem('/api/v1/templates/caf%C3%A9')).toBeUndefined();
  });
});

describe('controlCharacterProblem', () => {
  it('refuses C0, DEL and C1 controls in one line, tabs and line breaks too', () => {
    for (const text of [
      'a\u0007b',
      'esc\u001b[0m',
      'tab\there',
      'cr\rlf\n',
      'del\u007f',
      'c1\u0085',
    ]) {
      expect({ text, problem: controlCharacterProblem(text, 'single-line') }).toEqual({
        text,
        problem: expect.stringMatching(/^must be one line .*\(found U\+00[0-9A-F]{2}\)$/),
      });
    }
    expect(controlCharacterProblem('Café Ünïcode — ok', 'single-line')).toBeUndefined();
  });

  it('keeps line breaks and tabs in text of several lines, and nothing else', () => {
    expect(controlCharacterProblem('one\r\ntwo\n\tthree', 'multi-line')).toBeUndefined();
    expect(controlCharacterProblem('bell\u0007', 'multi-line')).toMatch(/found U\+0007/);
    expect(controlCharacterProblem('form\u000cfeed', 'multi-line')).toMatch(/found U\+000C/);
  });
});
