import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_CURSOR_LENGTH } from './cursor';
import { IsOmittable } from '../validation/presence';
import { decimalInteger } from '../validation/transforms';

/** The page size when a request names none. */
export const DEFAULT_PAGE_SIZE = 50;

/** `limit` and `cursor` of every paged list. */
export class PageQueryDto {
  /** Page size, 1-200 (default 50). */
  @IsOmittable()
  @Transform(decimalInteger)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  /** `nextCursor` of the previous page. */
  @IsOmittable()
  @IsString()
  @MaxLength(MAX_CURSOR_LENGTH)
  cursor?: string;
}
