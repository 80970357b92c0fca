// Loads Intl's data for the page's language off the main thread (see index.html).
onmessage = ({ data: l }) => {
  try {
    const N = Intl.NumberFormat;
    new N(l, { style: 'currency', currency: 'USD' }).formatToParts('1.5');
    new N(l).format('1.5');
    for (const unit of ['gram', 'centimeter', 'percent']) new N(l, { style: 'unit', unit }).format('1');
    for (const type of ['region', 'language', 'currency']) new Intl.DisplayNames(l, { type }).of(type === 'region' ? 'US' : type === 'language' ? 'en' : 'USD');
    'a'.localeCompare('b', l);
    new Intl.PluralRules(l).select(1);
  } catch {}
  close();
};
