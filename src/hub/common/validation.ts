// Input validation: class-validator decorators on input classes, reported as one BAD_USER_INPUT error with
// the path of every bad field (e.g. `input.vesselName`). Custom standards (UN/LOCODE, ISO 6346, dates, decimals)
// are scalars; the decorators here cover lengths, ranges, formats and rules between fields.
import { getNamedType } from 'graphql';
import { Min, registerDecorator, validate, type ValidationArguments, type ValidationError } from 'class-validator';
import { Field, Int, type ResolverData } from 'type-graphql';
import { badInput, type FieldProblem } from './errors.js';
import { todayUtc } from './validators.js';

function problems(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((e) => {
    // List items are written `input.ports[1]`, as graphql-js writes them for bad variables.
    const field = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...problems(e.children ?? [], field)];
  });
}

/** type-graphql's global validateFn. */
export async function validateArgument(value: unknown, argType: unknown, data: ResolverData): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  // Find the argument's name from the field definition, so errors name `input.x` or `filter.y`.
  const typeName = typeof argType === 'function' ? argType.name : undefined;
  const field = data.info.parentType.getFields()[data.info.fieldName];
  const argName = field?.args.find((a) => getNamedType(a.type).name === typeName)?.name ?? '';
  const items = Array.isArray(value) ? value : [value];
  const found: FieldProblem[] = [];
  for (const [i, item] of items.entries()) {
    if (item === null || typeof item !== 'object') continue;
    // GraphQL already enforces required fields; class-validator checks the values that were given.
    const errors = await validate(item as object, { skipMissingProperties: true, forbidUnknownValues: false });
    found.push(...problems(errors, Array.isArray(value) ? `${argName}[${i}]` : argName));
  }
  if (found.length) throw badInput(found);
}

export type PropertyRule = (target: object, propertyName: string) => void;

/** Several class-validator decorators as one, so create and update inputs can share a field's rules. */
export function allOf(...rules: PropertyRule[]): PropertyRule {
  return (target, propertyName) => rules.forEach((rule) => rule(target, propertyName));
}

/** A LocalDate that is not after today (UTC). */
export function NotInFuture() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'notInFuture',
      target: target.constructor,
      propertyName,
      options: { message: 'must not be in the future' },
      validator: { validate: (value: unknown) => value == null || (typeof value === 'string' && value <= todayUtc()) },
    });
}

/** A decimal string greater than zero (the scalars already refuse negatives). */
export function PositiveDecimal() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'positiveDecimal',
      target: target.constructor,
      propertyName,
      options: { message: 'must be greater than zero' },
      validator: { validate: (value: unknown) => value == null || (typeof value === 'string' && /[1-9]/.test(value)) },
    });
}

/** ISO 639-1 language code: two lower-case letters. */
export function LanguageCode(each = false) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'languageCode',
      target: target.constructor,
      propertyName,
      options: { message: (a: ValidationArguments) => `${each ? 'each language' : 'language'} must be an ISO 639-1 code such as "en" (got ${JSON.stringify(a.value)})`, each },
      validator: { validate: (value: unknown) => typeof value === 'string' && /^[a-z]{2}$/.test(value) },
    });
}

/**
 * The version of the record a change starts from (optimistic locking): one declaration for every input that
 * changes an existing record, so each says the same and refuses the same (a version below 1 is bad input).
 */
export function VersionField(description = 'The version you read; a stale one is refused with CONFLICT.'): PropertyDecorator {
  const decorators: PropertyDecorator[] = [Field(() => Int, { description }), Min(1)];
  return (target, propertyKey) => decorators.forEach((decorate) => decorate(target, propertyKey));
}
