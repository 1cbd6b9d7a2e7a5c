import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUuid } from '../domain/uuid';
import { RequestValidationError } from '../errors/domain-errors';

/** Validates a UUID path or query parameter, naming the parameter when it is not one (400). */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUuid(value)) return value;
    const field = metadata.data ?? 'id';
    throw new RequestValidationError(`${field} must be a UUID`, [
      { field, message: 'must be a UUID' },
    ]);
  }
}
