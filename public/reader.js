// @ts-check
/**
 * The only script reader pages run (lib/server/client-runtime.mjs takes Next's runtime out of them). Every page works
 * without it; it adds two things, each to the element that asks for it with `data-enhance`:
 * - `comment-form` (app/_components/comment-form.tsx): posts as JSON in place, with an Idempotency-Key per comment,
 *   shows the answer and each field's error, refreshes the form token, handles Reply links without a page load, and
 *   remembers the commenter's details in this browser when asked to;
 * - `live-search` (app/search/live-search.tsx): results follow the words as they are typed, taken from the server's
 *   own results page for those words, so they are the same markup the page would show.
 */
(() => {
  'use strict';

  const SAVED_KEY = 'eurasian-star:commenter';
  const FIELDS = ['name', 'email', 'url', 'body'];
  /** Sent even when empty, as the form would send them: the server says what is missing. */
  const ALWAYS_SENT = ['name', 'email', 'body', 'address'];
  const SEARCH_DELAY_MS = 200;

  /** 128 random bits in hex (crypto.randomUUID needs a secure context; getRandomValues does not). */
  function newIdempotencyKey() {
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /**
   * @param {string} tag
   * @param {string} className
   * @param {string} text
   */
  function element(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    node.textContent = text;
    return node;
  }

  /** @param {HTMLFormElement} form */
  function enhanceCommentForm(form) {
    const heading = form.querySelector('#respond-heading');
    const status = form.querySelector('.comment-form__status');
    const parentField = /** @type {HTMLInputElement | null} */ (form.elements.namedItem('parentId'));
    const tokenField = /** @type {HTMLInputElement | null} */ (form.elements.namedItem('token'));
    const bodyField = /** @type {HTMLTextAreaElement | null} */ (form.elements.namedItem('body'));
    const submit = /** @type {HTMLButtonElement | null} */ (form.querySelector('button[type="submit"]'));
    if (!heading || !status || !parentField || !tokenField || !bodyField || !submit) return;
    const submitLabel = submit.textContent;
    /** One key per comment: resending the same words after a lost answer cannot post them twice. */
    let attempt = /** @type {{ payload: string; key: string } | null} */ (null);

    /** @param {{ id: string; name: string } | null} target */
    function setReplyTo(target) {
      form.querySelector('.comment-form__replying')?.remove();
      parentField.value = target ? target.id : '';
      heading.textContent = target ? `Reply to ${target.name}` : 'Leave a Reply';
      if (!target) return;
      const note = element('p', 'comment-form__replying', `You are replying to ${target.name}. `);
      const cancel = element('button', 'link-button', 'Cancel reply');
      cancel.setAttribute('type', 'button');
      cancel.addEventListener('click', () => setReplyTo(null));
      note.append(cancel);
      heading.after(note);
    }

    /**
     * @param {Record<string, string>} errors
     * @param {{ kind: 'error' | 'success'; text: string } | null} message
     */
    function show(errors, message) {
      status.replaceChildren();
      if (message) status.append(element('p', message.kind === 'success' ? 'notice notice--success' : 'notice notice--error', message.text));
      const others = Object.entries(errors).filter(([field]) => !FIELDS.includes(field));
      if (others.length > 0) {
        const list = element('ul', 'notice notice--error', '');
        for (const [, text] of others) list.append(element('li', '', text));
        status.append(list);
      }
      for (const field of FIELDS) {
        const control = /** @type {HTMLElement | null} */ (form.elements.namedItem(field));
        if (!control) continue;
        const id = `comment-${field}-error`;
        form.querySelector(`#${id}`)?.remove();
        const text = errors[field];
        if (text) {
          control.setAttribute('aria-invalid', 'true');
          control.setAttribute('aria-describedby', id);
          const note = element('p', 'field-error', text);
          note.id = id;
          control.after(note);
        } else {
          control.removeAttribute('aria-invalid');
          control.removeAttribute('aria-describedby');
        }
      }
    }

    async function refreshToken() {
      try {
        const response = await fetch('/api/comments/token', { cache: 'no-store' });
        if (response.ok) tokenField.value = (await response.json()).token;
      } catch {
        // Keep the token the page came with; the server holds stale tokens for moderation, it does not refuse them.
      }
    }

    function restoreSavedDetails() {
      try {
        const saved = JSON.parse(localStorage.getItem(SAVED_KEY) ?? 'null');
        if (!saved) return;
        for (const key of ['name', 'email', 'url']) {
          const input = /** @type {HTMLInputElement | null} */ (form.elements.namedItem(key));
          if (input && !input.value && saved[key]) input.value = saved[key];
        }
        const remember = /** @type {HTMLInputElement | null} */ (form.elements.namedItem('remember'));
        if (remember) remember.checked = true;
      } catch {
        // Storage may be unavailable (private mode); the form works without it.
      }
    }

    /**
     * @param {boolean} consent
     * @param {Record<string, string>} payload
     */
    function rememberDetails(consent, payload) {
      try {
        if (consent) localStorage.setItem(SAVED_KEY, JSON.stringify({ name: payload.name, email: payload.email, url: payload.url ?? '' }));
        else localStorage.removeItem(SAVED_KEY);
      } catch {
        // Storage may be unavailable; nothing to remember then.
      }
    }

    /** @param {SubmitEvent} event */
    async function onSubmit(event) {
      event.preventDefault();
      const data = new FormData(form);
      /** @type {Record<string, string>} */
      const payload = {};
      for (const [key, value] of data) {
        if (key === 'remember' || typeof value !== 'string') continue;
        if (value !== '' || ALWAYS_SENT.includes(key)) payload[key] = value;
      }
      rememberDetails(data.get('remember') === 'on', payload);
      const json = JSON.stringify(payload);
      if (attempt?.payload !== json) attempt = { payload: json, key: newIdempotencyKey() };
      submit.disabled = true;
      submit.textContent = 'Posting…';
      show({}, null);
      try {
        const response = await fetch('/api/comments', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': attempt.key },
          body: json,
        });
        if (response.status === 201) {
          attempt = null;
          const result = await response.json();
          show({}, {
            kind: 'success',
            text: result.status === 'approved' ? 'Thank you: your comment is published. Reload the page to see it.' : 'Your comment is awaiting moderation.',
          });
          bodyField.value = '';
          setReplyTo(null);
          void refreshToken();
          return;
        }
        const body = await response.json().catch(() => ({}));
        const wait = response.headers.get('retry-after');
        show(body.error?.fields ?? {}, { kind: 'error', text: `${body.error?.message ?? 'Your comment could not be posted.'}${wait ? ` Try again in ${wait} seconds.` : ''}` });
      } catch {
        show({}, { kind: 'error', text: 'We could not reach the server. Check your connection and try again.' });
      } finally {
        submit.disabled = false;
        submit.textContent = submitLabel;
      }
    }

    // The server's answer to a form post (a reply page, an error page) already shows its state: keep it.
    const cancelLink = form.querySelector('.comment-form__replying a');
    if (cancelLink) {
      const name = (heading.textContent ?? '').replace(/^Reply to /, '');
      setReplyTo({ id: parentField.value, name });
    }
    const nameField = /** @type {HTMLInputElement | null} */ (form.elements.namedItem('name'));
    const emailField = /** @type {HTMLInputElement | null} */ (form.elements.namedItem('email'));
    if (!nameField?.value && !emailField?.value) restoreSavedDetails();
    void refreshToken();
    document.addEventListener('click', (event) => {
      const link = /** @type {Element | null} */ (event.target)?.closest?.('a[data-reply-to]');
      if (!(link instanceof HTMLAnchorElement) || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      setReplyTo({ id: link.dataset.replyTo ?? '', name: link.dataset.replyName ?? '' });
      form.scrollIntoView({ behavior: 'smooth', block: 'start' });
      bodyField.focus({ preventScroll: true });
    });
    form.addEventListener('submit', (event) => void onSubmit(event));
    // Last: the page's tests (and readers' assistive technology) take this as "the form is enhanced".
    form.noValidate = true;
  }

  /** @param {HTMLFormElement} form */
  function enhanceLiveSearch(form) {
    const box = /** @type {HTMLInputElement | null} */ (form.elements.namedItem('q'));
    const answer = form.parentElement?.querySelector('.search-answer');
    if (!box || !answer) return;
    let timer = 0;
    let pending = /** @type {AbortController | null} */ (null);
    let shown = box.value.trim();

    async function search() {
      const query = box.value.trim();
      if (query === shown) return;
      pending?.abort();
      const controller = new AbortController();
      pending = controller;
      const address = query ? `/search?${new URLSearchParams({ q: query })}` : '/search';
      try {
        const response = await fetch(address, { signal: controller.signal, headers: { accept: 'text/html' } });
        if (!response.ok) return;
        const page = new DOMParser().parseFromString(await response.text(), 'text/html');
        const fresh = page.querySelector('.search-answer');
        if (!fresh || controller.signal.aborted) return;
        answer.replaceChildren(...Array.from(fresh.childNodes, (node) => document.importNode(node, true)));
        shown = query;
        window.history.replaceState(null, '', address);
      } catch {
        // An aborted or failed request leaves the last results on screen; submitting the form still works.
      }
    }

    box.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void search(), SEARCH_DELAY_MS);
    });
  }

  function enhance() {
    for (const form of document.querySelectorAll('form[data-enhance="comment-form"]')) enhanceCommentForm(/** @type {HTMLFormElement} */ (form));
    for (const form of document.querySelectorAll('form[data-enhance="live-search"]')) enhanceLiveSearch(/** @type {HTMLFormElement} */ (form));
  }

  // Loaded `async` from the page's <head>: it may run before the document is parsed.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', enhance, { once: true });
  else enhance();
})();
