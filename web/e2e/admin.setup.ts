import fs from 'node:fs';
import path from 'node:path';
import { expect, signIn, test } from './fixtures';
import { STORAGE_STATE } from './service';

// Signs in once; the other tests reuse the session (sign-in is rate-limited, as it should be).
test('the bootstrap admin signs in', async ({ page }) => {
  await page.goto('/login');
  await signIn(page);
  await expect(page).toHaveURL(/\/overdue$/);
  fs.mkdirSync(path.dirname(STORAGE_STATE), { recursive: true });
  await page.context().storageState({ path: STORAGE_STATE });
});
