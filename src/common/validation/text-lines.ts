import { ValidateBy } from 'class-validator';
import { controlCharacterProblem, type TextLines } from '../http/input-limits';

function withoutControlCharacters(lines: TextLines): PropertyDecorator {
  return ValidateBy({
    name: lines === 'single-line' ? 'isSingleLine' : 'isMultiLine',
    validator: {
      // Other types are left to IsString, so that a number is refused once, as not a string.
      validate: (value) => typeof value !== 'string' || !controlCharacterProblem(value, lines),
      defaultMessage: (args) => controlCharacterProblem(String(args?.value), lines) ?? '',
    },
  });
}

/** Names and titles: one line, without control characters (tabs and line breaks included). */
export const IsSingleLine = (): PropertyDecorator => withoutControlCharacters('single-line');

/** Notes, reasons and descriptions: line breaks and tabs, but no other control characters. */
export const IsMultiLine = (): PropertyDecorator => withoutControlCharacters('multi-line');
