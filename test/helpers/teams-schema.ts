import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;

/** The Teams schemas bundled in @microsoft/app-manifest (the version the manifest declares). */
const SCHEMA_DIR = path.join(__dirname, '..', '..', 'node_modules/@microsoft/app-manifest/build/json-schemas/teams/v1.30');

/**
 * The bundled schemas declare "$schema": draft-04, but use `const` (draft-06) and `if`/`then`
 * (draft-07). Ajv 8 ships no draft-04 meta-schema, and its default dialect (draft-07) is the one
 * that understands every keyword used, so the declaration is dropped before compiling.
 * The localization schema also has patterns such as `...\b]\.description$` (a lone `]`) that are
 * invalid under the `u` flag Ajv 8 uses by default, hence `unicodeRegExp: false`.
 */
export function compileSchema(file: string): ValidateFunction {
  const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as Json;
  if (schema.$schema !== 'http://json-schema.org/draft-04/schema#') {
    throw new Error(`${file}: expected the draft-04 declaration this test works around, got ${String(schema.$schema)}`);
  }
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

