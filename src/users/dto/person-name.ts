import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsSingleLine } from '../../common/validation/text-lines';
import { trim } from '../../common/validation/transforms';

export const PERSON_NAME_MAX_LENGTH = 200;

/**
 * A person's name, wherever one is given — an invitation, its acceptance, an administrator's
 * change, the person's own: one rule, so a name accepted or refused in one place (with the same
 * message) is accepted or refused in all. Composed like other names (see `trim`). The swagger
 * plugin reads only decorators written on the property itself, so the length is stated here.
 */
export function IsPersonName(): PropertyDecorator {
  return applyDecorators(
    Transform(trim),
    IsString(),
    IsSingleLine(),
    IsNotEmpty(),
    MaxLength(PERSON_NAME_MAX_LENGTH),
    ApiProperty({ maxLength: PERSON_NAME_MAX_LENGTH }),
  );
}
