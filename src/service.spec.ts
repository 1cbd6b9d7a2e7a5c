import { Service } from './service';

describe('Service stop signals', () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('takes one Ctrl-C that arrives twice (terminal and npm) as one, and says so for a second press', () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    const service = new Service();
    service.onSignal('SIGINT');
    now.mockReturnValue(1_000_015); // npm forwarding the same press
    service.onSignal('SIGINT');
    expect(written).toEqual(['SIGINT received: stopping\n']);
    now.mockReturnValue(1_003_000); // the person pressing Ctrl-C again
    service.onSignal('SIGINT');
    expect(written).toEqual([
      'SIGINT received: stopping\n',
      'SIGINT received again: still stopping (waiting for requests and PostgreSQL)\n',
    ]);
  });
});
