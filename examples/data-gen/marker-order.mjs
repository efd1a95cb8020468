// Generates examples/marker-order.csv: a task that needs order and memory.
//
// Each row is a sequence of 12 words: ten filler words drawn at random from 16, and the two markers
// "key" and "door", once each, at random positions. The label says which marker comes first. Every
// row of either label holds the same kind of bag of words, so a bag-of-words model can do no better
// than chance; a recurrent model has to remember whether it has already seen one marker when it
// meets the other.
//
//   node examples/data-gen/marker-order.mjs > examples/marker-order.csv
//
// Seeded (core's mulberry32, seed 12): the same file on every machine.
import { mulberry32 } from '@axon/core'; // the data loader's seeded generator (build core first)

const ROWS = 2000;
const LENGTH = 12;
const FILLER = ['red', 'blue', 'green', 'gold', 'grey', 'pink', 'teal', 'plum', 'lamp', 'tree', 'boat', 'fish', 'rock', 'bell', 'moon', 'rain'];

const random = mulberry32(12);
const pick = (n) => Math.floor(random() * n);
const lines = ['sequence,first'];
for (let r = 0; r < ROWS; r++) {
  const words = Array.from({ length: LENGTH }, () => FILLER[pick(FILLER.length)]);
  const a = pick(LENGTH);
  let b = pick(LENGTH - 1);
  if (b >= a) b++;
  // Half the rows put the key first: balanced labels.
  const keyFirst = r % 2 === 0;
  const [keyAt, doorAt] = keyFirst === a < b ? [a, b] : [b, a];
  words[keyAt] = 'key';
  words[doorAt] = 'door';
  lines.push(`${words.join(' ')},${keyFirst ? 'key' : 'door'}`);
}
process.stdout.write(`${lines.join('\n')}\n`);
