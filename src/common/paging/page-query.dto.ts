import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_CURSOR_LENGTH } from './cursor';
import { IsOmittable } from '../validation/presence';
import { decimalInteger } from '../validation/transforms';

/** The page size when a request names none. */
export const DEFAULT_PAGE_SIZE = 50;

/** One message for a bad page size, however many of its three checks it fails (`1e1` fails all). */
const PAGE_SIZE = { message: '$property must be a whole number from 1 to 200' };

/** `limit` and `cursor` of every paged list. */
export class PageQueryDto {
  /** Page size, 1-200 (default 50). */
  @IsOmittable()
  @Transform(decimalInteger)
  @IsInt(PAGE_SIZE)
  @Min(1, PAGE_SIZE)
  @Max(200, PAGE_SIZE)
  limit?: number;

  /** `nextCursor` of the previous page; left out for the first. */
  @IsOmittable()
  @IsString()
  // Empty is no cursor this service issued, as on every list (some took it for "first page").
  @IsNotEmpty({ message: '$property must be a nextCursor value returned by this endpoint' })
  @MaxLength(MAX_CURSOR_LENGTH)
  cursor?: string;
}
