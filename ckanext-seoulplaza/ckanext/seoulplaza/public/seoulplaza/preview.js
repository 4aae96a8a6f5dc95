// Draws each published PDF into its preview box with pdf.js (which also works
// on phones, whose browsers do not show PDFs inline); where pdf.js cannot be
// loaded, the browser's own viewer in an iframe. Pages are drawn as they
// scroll into view.
const script = document.querySelector('script[data-pdfjs]');
const base = script.dataset.pdfjs;
const pageLabel = script.dataset.pageLabel || 'Page {page} of {pages}';

function fallback(box) {
  const frame = document.createElement('iframe');
  frame.src = box.dataset.pdfPreview;
  frame.title = box.getAttribute('aria-label');
  box.replaceChildren(frame);
}

async function draw(pdfjs, box) {
  const pdf = await pdfjs.getDocument({url: box.dataset.pdfPreview, isEvalSupported: false}).promise;
  box.dataset.pages = pdf.numPages;
  const observer = new IntersectionObserver(async (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting || entry.target.dataset.drawn) continue;
      const canvas = entry.target;
      canvas.dataset.drawn = '1';
      const page = await pdf.getPage(Number(canvas.dataset.page));
      const width = Math.min(box.clientWidth - 16, 900);
      const viewport = page.getViewport({scale: width / page.getViewport({scale: 1}).width * (window.devicePixelRatio || 1)});
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      await page.render({canvasContext: canvas.getContext('2d'), viewport}).promise;
      canvas.dataset.rendered = '1';
    }
  }, {root: box, rootMargin: '200px'});
  for (let n = 1; n <= pdf.numPages; n++) {
    const canvas = document.createElement('canvas');
    canvas.dataset.page = n;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', pageLabel.replace('{page}', n).replace('{pages}', pdf.numPages));
    canvas.width = 595; canvas.height = 842;  // A4 at 72 dpi until drawn
    box.appendChild(canvas);
    observer.observe(canvas);
  }
}

const boxes = document.querySelectorAll('[data-pdf-preview]');
let pdfjs = null;
try {
  pdfjs = await import(`${base}/pdf.min.js`);
  pdfjs.GlobalWorkerOptions.workerSrc = `${base}/pdf.worker.min.js`;
} catch (e) {
  console.warn('pdf.js not available; using the browser viewer', e);
}
for (const box of boxes) {
  if (!pdfjs) { fallback(box); continue; }
  draw(pdfjs, box).catch((e) => { console.warn('preview failed', e); fallback(box); });
}
