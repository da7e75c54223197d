// At most a few requests in flight: sparklines ask for one day each, and a burst of hundreds would
// crowd out the requests that fill the tables.
const LIMIT = 4;
let running = 0;
const waiting = [];

export function limited(task) {
  return new Promise((resolve, reject) => {
    waiting.push({ task, resolve, reject });
    next();
  });
}

function next() {
  if (running >= LIMIT || waiting.length === 0) return;
  const { task, resolve, reject } = waiting.shift();
  running++;
  task()
    .then(resolve, reject)
    .finally(() => {
      running--;
      next();
    });
}
