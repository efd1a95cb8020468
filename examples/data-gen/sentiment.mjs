// Generates examples/sentiment.csv: short film reviews with a pos/neg label.
//
// Reviews are built from clauses about an aspect of a film ("the acting was superb"), some negated
// ("the plot was not clever", "the ending never worked"), some joined by "but", with openers and
// fillers that carry no sentiment. The label is the sign of a score: each clause counts +1 or −1 by
// its word, flipped by a negation; a clause after "but" counts twice (the review's last word wins),
// and "I loved it" / "skip it" style verdicts count twice too. About 4% of labels are flipped (people
// are inconsistent). So no single word separates the classes: "great" appears in negative reviews
// ("the cast was great, but the story was dull"), "not" in positive ones ("not boring at all").
//
//   node examples/data-gen/sentiment.mjs > examples/sentiment.csv
//
// Seeded (core's mulberry32, seed 7): the same file on every machine.
import { mulberry32 } from '@axon/core'; // the data loader's seeded generator (build core first)

const ROWS = 600;

const random = mulberry32(7);
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;

const ASPECTS = ['the acting', 'the plot', 'the story', 'the ending', 'the dialogue', 'the soundtrack', 'the pacing', 'the cast', 'the camera work', 'the script', 'the lead', 'the villain', 'the score', 'the first hour'];
const PLURAL_ASPECTS = ['the effects', 'the jokes', 'the characters', 'the fight scenes'];
const GOOD = ['great', 'superb', 'clever', 'moving', 'gripping', 'charming', 'beautiful', 'funny', 'sharp', 'brilliant', 'lovely', 'fresh', 'tight', 'warm', 'smart', 'strong'];
const BAD = ['dull', 'boring', 'clumsy', 'flat', 'predictable', 'messy', 'tedious', 'weak', 'silly', 'forgettable', 'lazy', 'bland', 'slow', 'awkward', 'cheap', 'stiff'];
const INTENSIFIERS = ['', '', '', 'really ', 'quite ', 'very ', 'truly ', 'rather ', 'so ', 'pretty '];
const NEGATIONS = ['was not', "wasn't", 'was never', 'is not', "isn't"];
const PLURAL_NEGATIONS = ['were not', "weren't", 'were never', 'are not', "aren't"];
const OPENERS = ['', '', '', 'Honestly, ', 'Overall, ', 'To be fair, ', 'I watched it on a Sunday and ', 'Saw this with friends; ', 'My wife picked it. ', 'Second time watching. ', 'Went in with low hopes. ', 'Long film. '];
const GOOD_VERDICTS = ['I loved it.', 'Would watch again.', 'Worth the ticket.', 'Highly recommended.', 'A must see.', 'I enjoyed every minute.'];
const BAD_VERDICTS = ['Skip it.', 'I want my money back.', 'Not worth the ticket.', 'I walked out.', 'Never again.', 'I would not recommend it.'];

/** A clause about an aspect other than `not`, and its polarity (+1 / −1). */
function clause(not) {
  const plural = chance(0.25);
  let aspect;
  do aspect = pick(plural ? PLURAL_ASPECTS : ASPECTS);
  while (aspect === not);
  const positive = chance(0.5);
  const word = pick(positive ? GOOD : BAD);
  if (chance(0.22)) {
    // negated: "the plot was not clever" counts as negative
    return { aspect, text: `${aspect} ${pick(plural ? PLURAL_NEGATIONS : NEGATIONS)} ${word}`, score: positive ? -1 : 1 };
  }
  const verb = chance(0.5) ? (plural ? 'were' : 'was') : plural ? 'are' : 'is';
  return { aspect, text: `${aspect} ${verb} ${pick(INTENSIFIERS)}${word}`, score: positive ? 1 : -1 };
}

function review() {
  const parts = [];
  let score = 0;
  const first = clause();
  const shape = random();
  if (shape < 0.4) {
    parts.push(first.text);
    score += first.score;
  } else if (shape < 0.75) {
    const second = clause(first.aspect);
    parts.push(`${first.text}, but ${second.text}`);
    score += first.score + 2 * second.score;
  } else {
    const second = clause(first.aspect);
    parts.push(`${first.text} and ${second.text}`);
    score += first.score + second.score;
  }
  let text = `${pick(OPENERS)}${parts.join('')}.`;
  text = text.replace(/(^|\. )([a-z])/g, (_, pre, c) => `${pre}${c.toUpperCase()}`);
  if (chance(0.45) || score === 0) {
    // A verdict usually agrees with the clauses, not always ("the pacing is strong. Never again.").
    const good = score === 0 ? chance(0.5) : chance(0.8) === score > 0;
    text += ` ${pick(good ? GOOD_VERDICTS : BAD_VERDICTS)}`;
    score += good ? 2 : -2;
  }
  let label = score > 0 ? 'pos' : 'neg';
  if (chance(0.04)) label = label === 'pos' ? 'neg' : 'pos';
  return { text, label };
}

const lines = ['review,label'];
for (let i = 0; i < ROWS; i++) {
  const { text, label } = review();
  lines.push(`"${text.replace(/"/g, '""')}",${label}`);
}
process.stdout.write(`${lines.join('\n')}\n`);
