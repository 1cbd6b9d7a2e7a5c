import { IsIn, IsString, ValidateBy } from 'class-validator';
import { SignInLinkQuery } from '../../../common/http/validation.pipe';
import { IsOmittable } from '../../../common/validation/presence';
import { MOVED_VALUE } from '../configured-origin';
import { isSameSiteReturnTo } from '../return-to';

/** A browser follows this link: a refused one lands on the sign-in page, which says so. */
@SignInLinkQuery()
export class OidcLoginQueryDto {
  /**
   * The page to open after signing in: a path on this site such as `/engagements/…`
   * (default `/`). Anything that could lead to another site is refused.
   */
  @IsOmittable()
  @IsString()
  @ValidateBy({
    name: 'isSameSiteReturnTo',
    validator: {
      validate: (value) => typeof value === 'string' && isSameSiteReturnTo(value),
      defaultMessage: () => 'must be a path on this site, starting with a single "/"',
    },
  })
  returnTo?: string;

  /**
   * Set by the service when it sent the browser here from another address than the configured
   * redirect URL's; the sign-in then goes on to the provider without another such redirect.
   */
  @IsOmittable()
  @IsIn([MOVED_VALUE])
  moved?: string;
}
