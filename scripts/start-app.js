// Starts the app (`start`, defined before this by scripts/build-wasm.mjs, imports the glue and
// runs it). Written into index.html minified, by the same script.
// Where the server drew the first screen its code's preload links come in
// `<template id="app-code">`: they and the app start once every picture of the first screen
// not loaded lazily has loaded and been painted (the browser's next largest-paint entry, or
// the next frame where it reports none), at the latest after 3 s. So the code takes neither
// the bandwidth of the picture the buyer waits for nor the main thread from its paint. Until
// then the first screen's buttons are not dead: index.html's swap script keeps their taps.
// (The browser's `Intl` data is warmed up in a worker: index.html, public/intl-warm.js.)
(() => {
  const code = document.getElementById('app-code');
  if (!code) return void start();
  let started = false;
  const go = () => {
    if (started) return;
    started = true;
    document.head.append(code.content);
    start();
  };
  // `since`: when the last picture loaded (0 when they all had: any entry will do).
  const painted = (since) => {
    if (PerformanceObserver.supportedEntryTypes?.includes('largest-contentful-paint')) {
      new PerformanceObserver((list) => {
        if (list.getEntries().some((e) => e.startTime >= since)) go();
      }).observe({ type: 'largest-contentful-paint', buffered: true });
      // Nothing larger painted: no entry comes.
      setTimeout(go, 300);
    } else {
      requestAnimationFrame(() => setTimeout(go, 0));
    }
  };
  const pictures = [...document.querySelectorAll('#first-screen img')]
    .filter((img) => img.loading !== 'lazy' && !img.complete);
  let left = pictures.length;
  const one = () => { if (--left === 0) painted(performance.now()); };
  for (const img of pictures) {
    img.addEventListener('load', one, { once: true });
    img.addEventListener('error', one, { once: true });
  }
  if (!left) painted(0);
  setTimeout(go, 3000);
})();
