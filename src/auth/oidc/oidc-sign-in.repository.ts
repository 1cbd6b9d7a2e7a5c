import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../prisma/prisma.service';

/** A sign-in in progress, as its callback needs it. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  expiresAt: Date;
}

/** The oidc_sign_in table: sign-ins between the redirect to the provider and its callback. */
@Injectable()
export class OidcSignInRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Records a new sign-in and forgets the expired ones, which no callback can use any more. */
  async save(sign: PendingSignIn, browserHash: string, now: Date): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.oidcSignIn.deleteMany({ where: { expiresAt: { lte: now } } }),
      this.prisma.oidcSignIn.create({ data: { ...sign, browserHash } }),
    ]);
  }

  /**
   * Takes the sign-in with this state started by this browser, deleting it in the same statement:
   * of two concurrent callbacks with the same answer, one gets the row and the other nothing.
   */
  async consume(state: string, browserHash: string): Promise<PendingSignIn | undefined> {
    const rows = await this.prisma.$queryRaw<PendingSignIn[]>`
      DELETE FROM oidc_sign_in
       WHERE state = ${state} AND browser_hash = ${browserHash}
      RETURNING state, nonce, code_verifier AS "codeVerifier", return_to AS "returnTo",
                expires_at AS "expiresAt"`;
    return rows[0];
  }

  /**
   * The page of the sign-in with this state, whichever browser started it (left in place: it is
   * still that browser's); undefined when there is none, used or expired and forgotten.
   */
  async returnToOf(state: string): Promise<string | undefined> {
    const sign = await this.prisma.oidcSignIn.findUnique({
      where: { state },
      select: { returnTo: true },
    });
    return sign?.returnTo;
  }
}
