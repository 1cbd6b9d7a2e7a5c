import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface TestAccount {
  sub: string;
  email: string;
  /** Absent: the provider sends no email_verified claim (as Microsoft Entra ID does). */
  emailVerified?: boolean;
  /** Entra ID's `xms_edov` (email domain owner verified) claim, sent when set. */
  xmsEdov?: boolean;
  name?: string;
  password?: string;
}

export interface ProviderSettings {
  /** 0 or absent: any free port. */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  redirectUris: string[];
  /** Where the provider may send a browser back after signing the person out (default: none). */
  postLogoutRedirectUris?: string[];
  accounts: TestAccount[];
  /** Email and name in the ID token too (default: userinfo only). */
  idTokenClaims?: boolean;
}

export interface RunningProvider {
  issuer: string;
  stop(): Promise<void>;
}

export const TEST_PASSWORD = 'correct horse';
const SCRIPT = join(__dirname, '..', 'oidc', 'provider.mjs');

/** Starts test/oidc/provider.mjs (a real oidc-provider) as its own process and waits until it listens. */
export async function startOidcProvider(settings: ProviderSettings): Promise<RunningProvider> {
  const child = spawn(process.execPath, [SCRIPT], {
    env: { ...process.env, OIDC_TEST_PROVIDER: JSON.stringify(settings) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`provider did not start: ${stderr}`)), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`provider exited with ${code}: ${stderr}`));
    });
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { issuer: string }).issuer);
    });
  });
  return { issuer, stop: () => stopProcess(child) };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
