import { env } from '../env';
import { getSecret } from '../secret';
import { countEditors, createSetupToken } from './editors';

/** At start-up: the secret is made if missing (with its own log line); with no editor yet, a one-hour setup link is logged. */
export async function announceFirstEditorSetup(): Promise<void> {
  try {
    getSecret();
    if ((await countEditors()) > 0) return;
    const token = await createSetupToken();
    console.log(
      `[eurasian-star] no editor account yet: open ${env().SITE_URL}/editor/setup?token=${token} within the hour to create the first one ` +
        '(or run: npm run editor -- add --email <e> --name <n>)',
    );
  } catch (error) {
    console.error('[eurasian-star] could not check for editor accounts at start-up:', error);
  }
}
