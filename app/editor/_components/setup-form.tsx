'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';

/** Creates the first editor account with the one-time token from the server log. */
export function SetupForm({ token }: { token: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    const response = await fetch('/api/editor/setup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...data, token }) });
    if (response.status === 201) {
      router.push('/editor/login');
      return;
    }
    const body = (await response.json().catch(() => ({}))) as { error?: { message?: string; fields?: Record<string, string> } };
    setErrors(body.error?.fields ?? {});
    setMessage(body.error?.message ?? 'That did not work.');
  }

  const field = (name: 'email' | 'name' | 'password', label: string, type: string, autoComplete: string) => (
    <div className="field">
      <label htmlFor={`setup-${name}`}>{label}</label>
      <input
        id={`setup-${name}`}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `setup-${name}-error` : undefined}
      />
      {errors[name] ? (
        <p id={`setup-${name}-error`} className="field-error">
          {errors[name]}
        </p>
      ) : null}
    </div>
  );

  return (
    <form className="comment-form" onSubmit={onSubmit} aria-label="Create the first editor">
      <div aria-live="polite">{message ? <p className="notice notice--error">{message}</p> : null}</div>
      {field('name', 'Your name', 'text', 'name')}
      {field('email', 'Email', 'email', 'username')}
      {field('password', 'Password (at least 12 characters)', 'password', 'new-password')}
      <p>
        <button type="submit" className="button">
          Create account
        </button>
      </p>
    </form>
  );
}
