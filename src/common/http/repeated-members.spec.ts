import { firstRepeatedMember } from './repeated-members';

describe('firstRepeatedMember', () => {
  it('finds a member an object names twice, and says where it is', () => {
    expect(firstRepeatedMember('{"status":"DONE","status":"NOT_STARTED"}')).toBe('status');
    expect(
      firstRepeatedMember(
        '{"name":"x","contacts":[{"email":"a@b.c"},{"party":"WSO2","email":"a","email":"b"}]}',
      ),
    ).toBe('contacts[1].email');
    expect(firstRepeatedMember('[{"a":1},{"b":{"c":[1,{"d":1,"d":2}]}}]')).toBe('[1].b.c[1].d');
  });

  it('reads names as JSON does: escapes name the same member', () => {
    expect(firstRepeatedMember('{"status":1,"st\\u0061tus":2}')).toBe('status');
    expect(firstRepeatedMember('{"a\\"b":1,"a\\"b":2}')).toBe('a"b');
  });

  it('lets the same name appear in different objects, and as a value', () => {
    expect(firstRepeatedMember('{"a":{"a":"a"},"b":[{"a":1},{"a":2}],"c":"a"}')).toBeUndefined();
    expect(firstRepeatedMember('{"note":"status, status","status":"DONE"}')).toBeUndefined();
    expect(firstRepeatedMember('{"x":"{\\"y\\":1,\\"y\\":2}"}')).toBeUndefined();
    expect(firstRepeatedMember('{"x":"\\\\","y":"\\\\"}')).toBeUndefined();
    expect(firstRepeatedMember('{}')).toBeUndefined();
    expect(firstRepeatedMember('[1,2,3]')).toBeUndefined();
  });

  it('reads the UTF-8 bytes the body parser holds, names past ASCII included', () => {
    expect(firstRepeatedMember(Buffer.from('{"név":1,"n\\u00e9v":2}'))).toBe('név');
    expect(firstRepeatedMember(Buffer.from('{"日本":{"日本":1},"x":["é",{"ü":1,"ü":2}]}'))).toBe(
      'x[1].ü',
    );
    expect(firstRepeatedMember(Buffer.from('{"日本":1,"日本語":2}'))).toBeUndefined();
  });

  it('leaves text that is not JSON to the parser', () => {
    expect(firstRepeatedMember('{"status":"DONE')).toBeUndefined();
    expect(firstRepeatedMember('{"a":1,"a')).toBeUndefined();
    expect(firstRepeatedMember('not json')).toBeUndefined();
  });
});
