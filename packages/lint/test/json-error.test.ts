import { expect, test } from 'vitest';
import { jsonErrorPosition } from '../src/json-error.js';

function where(text: string) {
  try {
    JSON.parse(text);
  } catch (err) {
    return jsonErrorPosition(text, err);
  }
  throw new Error('parsed');
}

test('a bad token is placed at its own line and column', () => {
  expect(where('{\n  "rules": {\n    "a": ,\n  }\n}')).toEqual({ line: 3, column: 10 });
  expect(where('{ "rules": { "a": "error" } x')).toEqual({ line: 1, column: 29 });
  expect(where("{\n  'rules': {}\n}")).toEqual({ line: 2, column: 3 });
});

test('input that ends early is placed after its last character', () => {
  expect(where('{ "rules": ')).toEqual({ line: 1, column: 12 });
  expect(where('{\n  "a": 1\n')).toEqual({ line: 3, column: 1 });
  expect(where('')).toEqual({ line: 1, column: 1 });
});

test('a missing comma between properties is placed at the second property', () => {
  expect(where('{\n  "extends": "recommended"\n  "rules": {}\n}')).toEqual({ line: 3, column: 3 });
});
