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

// Clean networks' data. MNIST-like pixels already divided by 255 (the Keras examples' x / 255), 2 rows
// per digit.
write(
  'scaled-pixels.csv',
  [...range(784).map((i) => `p${i + 1}`), 'label'],
  range(20).map((r) => [...range(784).map(() => (rand() < 0.8 ? 0 : round(int(1, 255) / 255, 3))), r % 10]),
);

// Boston housing's 13 columns on their documented ranges (CRIM … LSTAT) and MEDV, the median value in
// $1000s (5 … 50, mean ≈ 22.5, std ≈ 9.2 in the real data).
write(
  'boston-housing.csv',
  ['CRIM', 'ZN', 'INDUS', 'CHAS', 'NOX', 'RM', 'AGE', 'DIS', 'RAD', 'TAX', 'PTRATIO', 'B', 'LSTAT', 'MEDV'],
  range(60).map(() => {
    const rm = uniform(4.5, 8.5);
    const lstat = uniform(2, 35);
    const medv = Math.min(50, Math.max(5, 22.5 + 6 * (rm - 6.3) - 0.5 * (lstat - 12.6) + 3 * normal()));
    return [
      round(uniform(0.006, 20), 3), int(0, 100), round(uniform(0.5, 27.7), 2), int(0, 1), round(uniform(0.385, 0.871), 3),
      round(rm, 3), round(uniform(2.9, 100), 1), round(uniform(1.1, 12.1), 3), int(1, 24), int(187, 711),
      round(uniform(12.6, 22), 1), round(uniform(0.3, 396.9), 2), round(lstat, 2), round(medv, 1),
    ];
  }),
);

// Pima Indians diabetes's 8 columns on their documented ranges (pregnancies … age) and the 0/1 outcome.
write(
  'pima-diabetes.csv',
  ['pregnancies', 'glucose', 'blood_pressure', 'skin', 'insulin', 'bmi', 'pedigree', 'age', 'outcome'],
  range(60).map(() => [
    int(0, 17), int(44, 199), int(24, 122), int(0, 99), int(0, 846), round(uniform(18, 67), 1),
    round(uniform(0.078, 2.42), 3), int(21, 81), int(0, 1),
  ]),
);
