/**
 * Building blocks for Adaptive Cards 1.5. Cards are plain data: a function takes typed data and the
 * user's messages and returns card JSON (docs/decisions/0003-cards-as-typescript-functions.md).
 */
export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: string;
  readonly version: '1.5';
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardElement[];
  readonly [key: string]: unknown;
}

export function card(body: readonly CardElement[], actions?: readonly CardElement[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions && actions.length > 0 ? { actions } : {}),
  };
}

/**
 * Makes user-typed text inert where Teams renders Markdown (TextBlock, FactSet): the characters that
 * start emphasis, links, code, headings, tables, strikethrough or tags are backslash-escaped, line-start
 * list markers too, and autolinks are broken with a zero-width space. For longer user text prefer
 * `userText`, which uses a TextRun (never Markdown).
 */
export function plain(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/([\\`*_[\]<>#~|])/g, '\\$1')
    .replace(/^([ \t]*)([-+]|\d+\.)([ \t])/gm, (_m, s: string, marker: string, sp: string) => `${s}\\${marker}${sp}`)
    .replace(/(https?|ftp|mailto):/gi, (m) => m.replace(':', '\u200B:'))
    .replace(/www\./gi, 'www\u200B.');
}

/** Facts that go into a sentence on a card (a typed e-mail address, a name), each made plain. */
export function plainFacts(facts: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(facts ?? {}).map(([k, v]) => [k, plain(v)]));
}

/** User-typed text as a RichTextBlock TextRun, which Adaptive Cards never parse as Markdown. */
export function userText(value: string, extra: CardElement = {}): CardElement {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: value, ...extra }] };
}

export function title(text: string): CardElement {
  return { type: 'TextBlock', text, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' };
}

export function heading(text: string): CardElement {
  return { type: 'TextBlock', text, weight: 'Bolder', wrap: true, spacing: 'Medium' };
}

export function text(value: string, extra: CardElement = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...extra };
}

export function facts(items: readonly (readonly [string, string])[]): CardElement {
  return { type: 'FactSet', facts: items.map(([t, v]) => ({ title: t, value: v })) };
}

/**
 * A Universal Action button with an `Action.Submit` fallback carrying the same data, so that Teams
 * mobile (where Action.Execute is unreliable) reaches the same handler through a message.
 */
export function executeAction(label: string, verb: string, data: Record<string, unknown> = {}, style?: 'positive' | 'destructive'): CardElement {
  const payload = { ...data, verb };
  return {
    type: 'Action.Execute',
    title: label,
    verb,
    data: payload,
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title: label, data: payload, ...(style ? { style } : {}) },
  };
}

/** A button that opens a link (the tab, from a card). */
export function openUrlAction(label: string, url: string): CardElement {
  return { type: 'Action.OpenUrl', title: label, url };
}

/** An input with its label, a hint and the errors to show next to it (the card comes back with values kept). */
export function field(input: CardElement, errors: readonly string[] = [], hint?: string): CardElement[] {
  return [
    input,
    ...(hint ? [text(hint, { isSubtle: true, size: 'Small', spacing: 'None' })] : []),
    ...errors.map((e) => text(e, { color: 'Attention', size: 'Small', spacing: 'None' })),
  ];
}

export function textInput(id: string, label: string, value: string, options: { maxLength: number; multiline?: boolean; placeholder?: string }): CardElement {
  return {
    type: 'Input.Text',
    id,
    label,
    value,
    maxLength: options.maxLength,
    ...(options.multiline ? { isMultiline: true } : {}),
    ...(options.placeholder ? { placeholder: options.placeholder } : {}),
  };
}

export function dateInput(id: string, label: string, value: string): CardElement {
  return { type: 'Input.Date', id, label, value };
}

export function choiceInput(id: string, label: string, value: string, choices: readonly (readonly [string, string])[], multi = false): CardElement {
  return {
    type: 'Input.ChoiceSet',
    id,
    label,
    value,
    style: multi ? 'expanded' : 'compact',
    ...(multi ? { isMultiSelect: true } : {}),
    choices: choices.map(([v, t]) => ({ title: t, value: v })),
  };
}

export function toggleInput(id: string, title: string, value: boolean): CardElement {
  return { type: 'Input.Toggle', id, title, value: value ? 'true' : 'false', valueOn: 'true', valueOff: 'false', wrap: true };
}

export function numberInput(id: string, label: string, value: string, min: number, max: number): CardElement {
  return { type: 'Input.Number', id, label, ...(value ? { value: Number(value) } : {}), min, max };
}

export function bullets(items: readonly string[], extra: CardElement = {}): CardElement {
  return text(items.map((i) => `- ${i}`).join('\n'), extra);
}

/** What the person must correct, each on its own line, in the attention colour. */
export function errorLines(errors: readonly string[] = []): CardElement[] {
  return errors.map((x) => text(x, { color: 'Attention' }));
}
