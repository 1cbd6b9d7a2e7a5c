import type { Response } from 'supertest';

/**
 * Asserts an RFC 9457 refusal: the status, application/problem+json with the required members
 * and a request id, and (when given) the offending field named in `errors`.
 */
export function expectProblem(res: Response, status: number, field?: string | RegExp): void {
  const summary = { status: res.status, type: res.headers['content-type'], body: res.body };
  expect(summary).toMatchObject({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
    body: {
      type: expect.stringMatching(/^https:\/\//),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      requestId: expect.any(String),
    },
  });
  if (field !== undefined) {
    const fields = ((res.body.errors ?? []) as { field: string }[]).map((e) => e.field);
    expect({ fields }).toEqual({
      fields: expect.arrayContaining([
        typeof field === 'string' ? field : expect.stringMatching(field),
      ]),
    });
  }
}
