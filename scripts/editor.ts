/**
 * Editor accounts.
 *   npm run editor -- add --email <e> --name <n>        (password from stdin, or a prompt on a terminal)
 *   npm run editor -- list
 *   npm run editor -- remove --email <e>
 *   npm run editor -- reset-password --email <e>        (password from stdin, or a prompt)
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { addEditor, listEditors, removeEditor, resetEditorPassword } from '../lib/auth/editors';
import { closeDatabase } from '../lib/db';
import { AppError } from '../lib/errors';

const USAGE = 'usage: npm run editor -- add --email E --name N | list | remove --email E | reset-password --email E';

/** The password: typed at a prompt without echo on a terminal, otherwise the first line of stdin. */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text.replace(/\r?\n$/, '').split(/\r?\n/)[0] ?? '';
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write(prompt);
  output._writeToOutput = () => undefined;
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { email: { type: 'string' }, name: { type: 'string' } } });
  const [command] = positionals;
  switch (command) {
    case 'add': {
      if (!values.email || !values.name) break;
      const editor = await addEditor({ email: values.email, name: values.name, password: await readPassword('Password: ') });
      console.log(`added editor ${editor.name} <${editor.email}>`);
      return 0;
    }
    case 'list': {
      const editors = await listEditors();
      for (const e of editors) console.log(`${e.email}\t${e.name}\tsince ${e.createdAt}`);
      console.log(`${editors.length} editor(s)`);
      return 0;
    }
    case 'remove': {
      if (!values.email) break;
      await removeEditor(values.email);
      console.log(`removed ${values.email}`);
      return 0;
    }
    case 'reset-password': {
      if (!values.email) break;
      await resetEditorPassword(values.email, await readPassword('New password: '));
      console.log(`password changed for ${values.email}`);
      return 0;
    }
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2))
  .then(async (code) => {
    await closeDatabase();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    if (error instanceof AppError) {
      console.error([error.message, ...Object.values(error.fields ?? {})].join('\n'));
    } else {
      console.error(error);
    }
    await closeDatabase();
    process.exit(1);
  });
