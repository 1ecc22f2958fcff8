// Asking the server for new codes, as often as the server says (join's poll_ms: [fastest, slowest]):
// at the fastest pace after a change, doubling while nothing changes (each unchanged answer is a 304
// without a body), and not at all while the section is off screen or the tab hidden. poll() asks now.

/**
 * read(): Promise<boolean> (true when the answer changed something); `root`: the section whose being
 * on screen keeps the polling going. Returns {poll(), setPace([fast, slow]), idle()}.
 */
export function createPoller(root, read, onError) {
  let pace = [1000, 1000];
  let wait = pace[0];
  let timer = null;
  let onScreen = false;
  let running = Promise.resolve();

  const visible = () => onScreen && document.visibilityState !== 'hidden';

  function schedule() {
    clearTimeout(timer);
    timer = visible() ? setTimeout(poll, wait) : null;
  }

  function poll() {
    clearTimeout(timer);
    running = running.then(read).then((changed) => {
      wait = changed ? pace[0] : Math.min(pace[1], wait * 2);
    }, (e) => {
      wait = pace[1];
      onError(e);
    }).then(schedule);
    return running;
  }

  const observer = new IntersectionObserver((entries) => {
    const was = visible();
    onScreen = entries.some((e) => e.isIntersecting);
    if (visible() && !was) poll();
    else if (!visible()) schedule();
  });
  observer.observe(root);
  document.addEventListener('visibilitychange', () => (visible() ? poll() : schedule()));

  return {
    poll,
    setPace(ms) {
      pace = ms;
      wait = pace[0];
    },
    get onScreen() { return visible(); },
    idle: () => running,
  };
}
