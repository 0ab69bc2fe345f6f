import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { ApiException } from './api.exception';

/**
 * Shape bounds on a JSON request body, checked on the raw text before it is parsed, transformed or validated.
 * class-transformer and class-validator recurse once per level, so a 4 KB body of 2,000 nested brackets
 * overflowed the stack (a 500); and a body of 30,000 one-character array items costs far more to transform
 * than its size suggests. No body of this API comes near these numbers.
 */
export const JSON_BODY_BOUNDS = {
  /** Levels of nested objects/arrays; `{"a":{"b":1}}` is 2. */
  maxDepth: 32,
  /** Items of any one array. */
  maxArrayItems: 1000,
  /** Members of any one object. */
  maxObjectKeys: 100,
} as const;

const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The first bound the JSON text breaks, in a client's words, or null. One pass over the characters with a stack
 * of the open containers' comma counts; strings are skipped. It does not check that the text is valid JSON
 * (the parser after it does), only that parsing it cannot produce a value beyond the bounds.
 */
export function jsonBoundsProblem(text: string, bounds = JSON_BODY_BOUNDS): string | null {
  const isArray: boolean[] = [];
  const commas: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === BACKSLASH) i++;
      else if (char === QUOTE) inString = false;
      continue;
    }
    switch (char) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (isArray.length >= bounds.maxDepth) {
          return `Request body nests deeper than ${bounds.maxDepth} levels of objects and arrays`;
        }
        isArray.push(char === OPEN_ARRAY);
        commas.push(0);
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        isArray.pop();
        commas.pop();
        break;
      case COMMA:
        if (commas.length > 0) {
          const count = ++commas[commas.length - 1] + 1; // n commas separate n + 1 members
          if (isArray[isArray.length - 1] && count > bounds.maxArrayItems) {
            return `Request body has an array of more than ${bounds.maxArrayItems} items`;
          }
          if (!isArray[isArray.length - 1] && count > bounds.maxObjectKeys) {
            return `Request body has an object with more than ${bounds.maxObjectKeys} members`;
          }
        }
        break;
    }
  }
  return null;
}

/**
 * Replaces Fastify's JSON parser with one that checks the bounds first, then parses exactly as Fastify does
 * (its own parser, prototype-poisoning protection included). A body beyond a bound answers 400 with the
 * bound in `msg`, through the global exception filter.
 */
export function installJsonBodyBounds(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string; // parseAs: 'string'
    const problem = jsonBoundsProblem(text);
    if (problem) {
      done(new ApiException(HttpStatus.BAD_REQUEST, problem, { reason: 'body_out_of_bounds', bounds: JSON_BODY_BOUNDS }), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
