import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class SignInDto {
  /**
   * The account's email; case does not matter.
   * @example "jane.doe@example.com"
   */
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  email: string;

  /** @example "correct horse battery staple" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password: string;
}

export class AuthProvidersDto {
  /** Email and password sign-in (always offered). */
  password: boolean;
  /** Single sign-on through the configured OpenID Connect provider. */
  oidc: boolean;
}
