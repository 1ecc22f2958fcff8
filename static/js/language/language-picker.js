// The header's language switch: one option per catalog (each named in its own language), changing
// the page's language at once, without reloading anything (core/i18n.js switchLanguage).

import { LANGUAGES, currentLanguage, switchLanguage, t } from '../core/i18n.js';
import { el } from '../core/dom.js';

/** Each language's own name, from the catalog ("English", "简体中文"). */
const NAME_KEYS = { en: 'language.en', 'zh-CN': 'language.zh-CN' };

/** The language switch in `root` (the page's header); its handle is the feature contract's. */
export function mount({ root, state }) {
  const picker = root.querySelector('#lang-picker');
  picker.replaceChildren(...LANGUAGES.map((lang) => el('option', { value: lang, lang, text: t(NAME_KEYS[lang]) })));
  picker.value = currentLanguage();
  picker.disabled = false;
  picker.addEventListener('change', () => {
    picker.disabled = true;
    switchLanguage(state, picker.value)
      .catch((e) => console.warn(e))  // the catalog could not be read: the page stays in its language
      .finally(() => {
        picker.disabled = false;
        picker.value = currentLanguage();
      });
  });
  return { idle: () => Promise.resolve() };
}
