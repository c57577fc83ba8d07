// Static checks of the sidebar (addon/src/sidebar.html): labels, ids the browser tests use, the
// server functions it calls against the contract, no external resources, the message table and
// the inline script's syntax. Its behaviour is tested in a real browser elsewhere.
import { readFileSync } from 'node:fs';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';

type Element = ReturnType<typeof DomUtils.findAll>[number];

const html = readFileSync(new URL('./sidebar.html', import.meta.url), 'utf8');
const contractSource = readFileSync(new URL('./sidebar-contract.ts', import.meta.url), 'utf8');
const document = parseDocument(html);
const elements = DomUtils.findAll(() => true, document.children);
const byTag = (name: string) => elements.filter((el) => el.name === name);
const byId = new Map<string, Element>();
for (const el of elements) if (el.attribs.id) byId.set(el.attribs.id, el);
const text = (el: Element) => DomUtils.textContent(el).replace(/\s+/g, ' ').trim();

/** The keys of `SidebarApi` in sidebar-contract.ts. */
const API = [
  'sidebarState', 'saveProfile', 'refreshNow', 'tagSelection', 'setDailyRefresh', 'setRevisitMonths',
  'insightsState', 'applySuggestion', 'undoLastSuggestion',
];

const PROFILE_FIELDS = [
  'areas', 'industries', 'employeesMin', 'employeesMax', 'includeUnknownEmployees', 'minRating', 'minReviews',
  'maxReviews', 'requirePhone', 'requireWebsite', 'excludeRefusing', 'newOnly', 'excludeIndustries', 'excludeAreas',
  'dailyLimit',
];

const REQUIRED_IDS = [
  'refresh-button', 'progress', 'last-run', 'tag-rejected', 'tag-held', 'tag-won', 'memo', 'tag-result',
  'daily-enabled', 'daily-hour', 'daily-save', 'profile-form', 'profile-save', 'revisit-months', 'revisit-save',
  'insights-section', 'suggestion-list', 'undo-suggestion', 'insights-message', 'insights-alert',
  ...PROFILE_FIELDS.map((name) => `profile-${name}`),
];

const scripts = byTag('script');
const inlineScript = scripts.filter((el) => !el.attribs.src);
const scriptText = inlineScript.map((el) => DomUtils.textContent(el)).join('\n');

function messageTable(): Record<string, Record<string, string>> {
  const match = /\/\* messages:start \*\/([\s\S]*?)\/\* messages:end \*\//.exec(scriptText);
  if (!match) throw new Error('the message table is not marked with /* messages:start */ … /* messages:end */');
  return new Function(`return (${match[1]});`)() as Record<string, Record<string, string>>;
}

describe('sidebar.html', () => {
  it('has exactly one inline script, and it parses as plain ES2019', () => {
    expect(scripts).toHaveLength(1);
    expect(inlineScript).toHaveLength(1);
    expect(scriptText.trim().length).toBeGreaterThan(0);
    expect(() => new Function(scriptText)).not.toThrow();
    // Syntax newer than ES2019 that `new Function` would accept on this Node.
    expect(scriptText).not.toMatch(/\?\.(?!\d)/);
    expect(scriptText).not.toMatch(/\?\?/);
    expect(scriptText).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('loads nothing from outside the file', () => {
    for (const el of elements) {
      for (const attr of ['src', 'href', 'action', 'srcset', 'poster', 'data']) {
        const value = el.attribs[attr];
        if (value !== undefined) expect.soft(value, `<${el.name} ${attr}>`).not.toMatch(/^\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i);
      }
    }
    expect(byTag('link')).toHaveLength(0);
    expect(byTag('iframe')).toHaveLength(0);
    const css = byTag('style').map((el) => DomUtils.textContent(el)).join('\n');
    expect(css).not.toMatch(/@import/i);
    expect(css).not.toMatch(/url\(/i);
    expect(scriptText).not.toMatch(/\bfetch\(|XMLHttpRequest|https?:\/\//);
  });

  it('has the ids the browser tests use, each once', () => {
    for (const id of REQUIRED_IDS) expect.soft(byId.has(id), id).toBe(true);
    const reason = byId.get('reason') ?? byId.get('reason-group');
    expect(reason, 'reason or reason-group').toBeDefined();
    if (!byId.has('reason')) {
      const radios = byTag('input').filter((el) => el.attribs.name === 'reason');
      expect(radios.map((el) => el.attribs.value)).toEqual(['budget', 'industry', 'timing', 'competitor', 'other']);
      for (const radio of radios) expect(radio.attribs.type).toBe('radio');
    }
    const ids = elements.map((el) => el.attribs.id).filter((id): id is string => !!id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('labels every input, select and textarea', () => {
    const labels = byTag('label');
    for (const label of labels) {
      const target = label.attribs.for;
      expect.soft(target, `<label> "${text(label)}" has for=`).toBeTruthy();
      if (target) expect.soft(byId.has(target), `label for=${target}`).toBe(true);
    }
    const controls = elements.filter(
      (el) => ['input', 'select', 'textarea'].includes(el.name) && el.attribs.type !== 'hidden',
    );
    expect(controls.length).toBeGreaterThan(20);
    for (const control of controls) {
      const id = control.attribs.id;
      const visible = id ? labels.filter((label) => label.attribs.for === id && text(label) !== '') : [];
      const aria = (control.attribs['aria-label'] ?? '').trim() !== '';
      expect.soft(visible.length > 0 || aria, `<${control.name} id=${id}> has a label`).toBe(true);
    }
  });

  it('points every aria reference at an element that exists', () => {
    for (const el of elements) {
      for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls']) {
        for (const id of (el.attribs[attr] ?? '').split(/\s+/).filter(Boolean)) {
          expect.soft(byId.has(id), `${attr}=${id} on <${el.name} id=${el.attribs.id}>`).toBe(true);
        }
      }
    }
  });

  it('uses real buttons and labelled sections', () => {
    const buttons = byTag('button');
    for (const button of buttons) expect.soft(button.attribs.type, `button ${button.attribs.id}`).toBe('button');
    const sections = byTag('section');
    expect(sections).toHaveLength(6);
    for (const section of sections) {
      const heading = byId.get(section.attribs['aria-labelledby'] ?? '');
      expect(heading?.name).toBe('h2');
    }
    expect(byId.get('refresh-button')?.attribs.class).toContain('primary');
  });

  it('calls exactly the server functions of SidebarApi', () => {
    // The list above is the interface's keys; keep it in step with the contract.
    const api = /export interface SidebarApi \{([\s\S]*?)\n\}/.exec(contractSource);
    expect(api).not.toBeNull();
    const contractNames = [...api![1]!.matchAll(/^\s*(\w+)\(/gm)].map((m) => m[1]);
    expect([...contractNames].sort()).toEqual([...API].sort());

    const viaHelper = [...scriptText.matchAll(/\bcallServer\(\s*['"](\w+)['"]/g)].map((m) => m[1]!);
    const direct = [...scriptText.matchAll(/google\.script\.run((?:\s*\.\s*\w+\([^()]*\))*)/g)].flatMap((m) =>
      [...m[1]!.matchAll(/\.\s*(\w+)\(/g)].map((c) => c[1]!).filter((name) => !/^with(Success|Failure)Handler$|^withUserObject$/.test(name)),
    );
    const used = new Set([...viaHelper, ...direct]);
    for (const name of used) expect.soft(API, `google.script.run.${name}`).toContain(name);
    for (const name of API) expect.soft(used.has(name), `${name} is called`).toBe(true);
  });

  it('has an English message for every Japanese one, with the same placeholders', () => {
    const table = messageTable();
    const ja = table.ja!;
    const en = table.en!;
    expect(Object.keys(ja).length).toBeGreaterThan(20);
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    const placeholders = (s: string) => [...new Set(s.match(/\{\w+\}/g) ?? [])].sort();
    for (const key of Object.keys(ja)) {
      expect.soft(typeof ja[key] === 'string' && ja[key] !== '', `ja.${key}`).toBe(true);
      expect.soft(typeof en[key] === 'string' && en[key] !== '', `en.${key}`).toBe(true);
      expect.soft(placeholders(en[key] ?? ''), `placeholders of ${key}`).toEqual(placeholders(ja[key] ?? ''));
    }
  });

  it('renders the Japanese text of the message table before the state arrives', () => {
    const ja = messageTable().ja!;
    const keyed = elements.filter((el) => el.attribs['data-i18n'] !== undefined);
    expect(keyed.length).toBeGreaterThan(20);
    for (const el of keyed) {
      const key = el.attribs['data-i18n']!;
      expect.soft(ja[key], `data-i18n=${key}`).toBeDefined();
      expect.soft(text(el), `data-i18n=${key}`).toBe(ja[key]);
    }
    for (const [, key] of scriptText.matchAll(/\bt\(\s*'(\w+)'/g)) expect.soft(ja[key!], `t('${key}')`).toBeDefined();
    expect(byTag('html')[0]?.attribs.lang).toBe('ja');
  });

  it('keeps the profile form in the contract field names and defaults', () => {
    for (const name of PROFILE_FIELDS) expect.soft(scriptText, name).toContain(`${name}:`);
    expect(byId.get('profile-dailyLimit')?.attribs).toMatchObject({ type: 'number', min: '1', max: '500' });
    expect(byId.get('profile-minRating')?.attribs).toMatchObject({ type: 'number', min: '0', max: '5', step: '0.1' });
    expect(byId.get('revisit-months')?.attribs).toMatchObject({ type: 'number', min: '1', max: '24' });
    expect(byId.get('memo')?.attribs.maxlength).toBe('500');
    expect(DomUtils.findAll((el) => el.name === 'form' && el.attribs.id === 'profile-form', document.children)).toHaveLength(1);
  });
});
