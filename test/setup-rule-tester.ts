import { describe, it } from 'vitest';
import { RuleTester } from '../packages/core/src/testing/index.js';

// Every rule table runs its cases as vitest tests.
RuleTester.describe = describe;
RuleTester.it = it;
