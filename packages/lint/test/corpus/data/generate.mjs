// Writes the corpus's synthetic CSVs (deterministic: a seeded PRNG). Each file reproduces the property
// of the original question's data that the bug needs (its ranges and scales, its class column), not its
// rows. Run: node packages/lint/test/corpus/data/generate.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./', import.meta.url));
let state = 20260212;
const rand = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state / 2 ** 32;
};
const uniform = (lo, hi) => lo + (hi - lo) * rand();
const int = (lo, hi) => Math.floor(uniform(lo, hi + 1));
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const round = (x, d = 4) => Number(x.toFixed(d));
const write = (name, header, rows) =>
  writeFileSync(`${dir}${name}`, [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
const range = (n) => Array.from({ length: n }, (_, i) => i);

// SO 34673164: US county statistics (population, ages, percentages, income) and the winning candidate.
write(
  'election-counties.csv',
  [...range(16).map((i) => `f${i + 1}`), 'winner'],
  range(40).map(() => {
    const obama = rand() < 0.5;
    return [
      int(5000, 700000), round(uniform(30, 45), 1), round(uniform(30, 45), 1), round(uniform(5, 30), 1),
      round(uniform(8, 25), 1), round(uniform(8, 25), 1), int(50, 170000), int(2000, 270000),
      round(uniform(2.2, 2.8), 2), round(uniform(45, 75), 1), round(uniform(10, 30), 1), round(uniform(10, 35), 1),
      int(40000, 120000), round(uniform(-1.5, 1.5), 2), round(uniform(-1.5, 1.5), 2), round(uniform(0, 1), 2),
      obama ? 'Barack Obama' : 'Mitt Romney',
    ];
  }),
);

// SO 39525358: three integer readings between 65 and 70, a 0/1 label (the question's "sorted output.csv").
write(
  'sorted-output.csv',
  ['a', 'b', 'c', 'label'],
  range(40).map(() => {
    const high = rand() < 0.5;
    const base = high ? 68 : 65;
    return [base, base + 1, base + 2 - int(0, 1), high ? 1 : 0];
  }),
);

// SO 44066044: network packets — IPv4 addresses as integers (~3.2e9), protocol, TTL, sequence numbers,
// ports, flags; label 0/1.
write(
  'network-packets.csv',
  ['src_ip', 'dst_ip', 'proto', 'ttl', 'seq', 'port', 'f7', 'f8', 'f9', 'f10', 'f11', 'label'],
  range(40).map(() => {
    const attack = rand() < 0.5;
    return [
      3232235773 + int(0, 6), 3232235779, 6, 128, 524032 + int(0, 2) * 256, attack ? int(50000, 60000) : 502,
      attack ? 0 : 12, attack ? 0 : 61, attack ? 0 : 6, 0, attack ? 0 : 206, attack ? 1 : 0,
    ];
  }),
);

// SO 45442843: one feature between 15,000 and 25,000, a 0/1 label.
write('one-feature-large.csv', ['x', 'y'], range(60).map(() => [int(15000, 25000), int(0, 1)]));

// SO 48221692: the question's Linear_Data.csv is y = x² + 3 on x = −10 … 9.9 (step 0.1).
write('quadratic.csv', ['x', 'y'], range(200).map((i) => { const x = round(-10 + i * 0.1, 1); return [x, round(x * x + 3, 2)]; }));

// SO 48934338: y = 5x² + e³ on x = 0 … 4.9 (step 0.1), e standard normal, as in the question's code.
write('five-x-squared.csv', ['x', 'y'], range(50).map((i) => { const x = round(i * 0.1, 1); return [x, round(5 * x * x + normal() ** 3, 3)]; }));

// SO 52800582: y = x⁴ on x = −100 … 99.5 (step 0.5), as in the question's code.
write('x-fourth.csv', ['x', 'y'], range(400).map((i) => { const x = -100 + i * 0.5; return [x, x ** 4]; }));

// MNIST-like rows of raw pixels (integers 0 … 255, mostly background 0) and a digit label: the property of
// SO 55328966 and the TensorFlow basic-classification question (pixels not divided by 255).
write(
  'raw-pixels.csv',
  [...range(784).map((i) => `p${i + 1}`), 'label'],
  range(12).map((r) => [...range(784).map(() => (rand() < 0.8 ? 0 : int(1, 255))), r % 10]),
);

// Kaggle Melbourne housing (the DeepLocalize GitHub benchmark's price-keras.py): numeric features and a
// Price column in Australian dollars (hundreds of thousands to millions).
write(
  'melbourne-housing.csv',
  ['Rooms', 'Distance', 'Bathroom', 'Car', 'Landsize', 'BuildingArea', 'YearBuilt', 'Propertycount', 'Price'],
  range(60).map(() => {
    const rooms = int(1, 6);
    return [
      rooms, round(uniform(0, 48), 1), int(1, 3), int(0, 4), int(0, 1500), int(50, 400), int(1880, 2015),
      int(400, 21000), Math.round((250000 + rooms * 220000 + uniform(-150000, 600000)) / 1000) * 1000,
    ];
  }),
);
