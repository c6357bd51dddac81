'use client';

import { signOut } from 'next-auth/react';

/** Ends the editor's session. */
export function SignOutButton() {
  return (
    <button type="button" className="link-button" onClick={() => void signOut({ callbackUrl: '/editor/login' })}>
      Sign out
    </button>
  );
}
