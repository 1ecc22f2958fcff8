// Where pictures come in as files: the file picker and the drop zone (drag-and-drop). A file dropped
// next to the zone must not make the browser navigate away from the page.

const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');

/** onFile(file) for a chosen or dropped file; onNoFile() for a drop that carries no file. */
export function listenForFiles(fileInput, drop, { onFile, onNoFile }) {
  fileInput.addEventListener('change', () => {
    const file = fileInput.files && fileInput.files[0];
    if (file) onFile(file);
    fileInput.value = '';  // choosing the same file again is a new change
  });
  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, (e) => {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      drop.classList.add('upload-drop-over');
    });
  }
  drop.addEventListener('dragleave', () => drop.classList.remove('upload-drop-over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    e.stopPropagation();
    drop.classList.remove('upload-drop-over');
    const files = e.dataTransfer ? Array.from(e.dataTransfer.files || []) : [];
    if (files.length) onFile(files[0]);
    else onNoFile();
  });
  for (const type of ['dragover', 'drop']) {
    document.addEventListener(type, (e) => {
      if (hasFiles(e) && !drop.contains(e.target)) {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'none';
      }
    });
  }
}
