/**
 * Checks of the facts chosen to answer a question against what the question asks for: a figure, a
 * date of some precision, a wording, a forecast, a person, a span, a reason, a period. The search
 * finds the facts a question is about; these say whether they answer it.
 */
import type { Fact } from './knowledge/schema.js';
import type { QueryAnalysis } from './query.js';
import { type Analyzer, FUTURE, IN_RETURN, QUARTER_WANTED, splitWords } from './text.js';

/** A clause anywhere that asks yes or no, or whether there is any: "..., is there a ceiling?". */
const YES_NO_ANYWHERE =
  /(?:^|[,;:—–]\s*|\b(?:so|and|but)\s+)(?:is|are|was|were|does|do|did|has|have|will|would|can|could)\b|\bany(?:thing)?\b/;

/**
 * A figure in a statement: digits or a number written out. Not "one" or "two", which mostly
 * count nothing ("one of its products", "the two companies").
 */
const NUMBER =
  /^(?:\d[\d.,]*|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twenty|thirty|fifty|hundred|thousand|million|billion)$/;
/** How precisely a question wants a date: "on what day" wants a day, "which month" a month. */
const DAY_WANTED =
  /\b(?:what|which|whats|what's) (?:day|date)\b|\b(?:exact|precise|specific)\b(?:\s+[\p{L}]+){0,2}\s+(?:day|date)\b|\bon what date\b/u;
// "When exactly" wants more than a year, but a month will do ("when exactly did Amazon pledge?").
const MONTH_WANTED =
  /\b(?:what|which|whats|what's)(?: exact| precise| specific)? month\b|\bwhen exactly\b|\bexactly when\b/;
/**
 * "What did the clause say?", "how was AGI defined?": not "what does the article say about the
 * licence?" nor "what does it say the next limit is?", nor a bare "...what does the article say?".
 */
const WORDING =
  /\b(?:what|how)\b[^?]*\b(?:(?:define|defines|defined|definition|worded|wording|phrased|verbatim|word for word)\b|(?<!\b(?:article|piece|source|sources|report|blog|post|writeup|story|news|coverage|announcement|they|it|you)\s+)(?:say|says|said|saying|state|states|stated)\b\s*(?:exactly\s*|before\b[^?]*)?(?:[?,]|\s*$))/;
/** Words that speak of things without naming them: "some teams", "certain customers". */
const UNSPECIFIC = new Set([
  'some',
  'several',
  'certain',
  'few',
  'various',
  'unnamed',
  'undisclosed',
  'many',
]);

export type Precision = 0 | 1 | 2 | 3;

/** A fact as the engine indexed it: what it speaks of and states, beside its text. */
export type IndexedFact = {
  fact: Fact;
  /** Entity ids the fact speaks of (statement and keywords). */
  entities: Set<string>;
  covers: Set<string>;
  /** What the fact states (`FactState`), compared with what questions ask (`Intent`). */
  states: ReadonlySet<string>;
  /** Years the fact speaks of, in its statement or date. */
  years: Set<string>;
  /**
   * Terms for the kinds of thing the fact names: Frontier is an openai-product, so a fact about
   * Frontier answers "which product".
   */
  kinds: Map<string, Set<string>>;
  /** Terms of the statement and the keywords: what the fact says, without its question variants. */
  stated: Set<string>;
  /** How precise the fact's date is (1 year, 2 month, 3 day; 0 none) and its year. */
  datePrecision: Precision;
  dateYear: string | undefined;
  dateMonth: number | undefined;
  /** Where each entity is first named in the statement: who pays whom, in word order. */
  order: Map<string, number>;
};

/** "Until when..., and is there a cap?": a second question joined to the first. */
const TWO_PARTS =
  /\?.+\?|\b(?:and|also|plus)\s+(?:is|are|was|were|does|do|did|can|will|has|have|how|what|whats|what's|when|which|who|why|until|till)\b/;

/** Why the chosen facts do not answer the question; `context` when they are still worth citing. */
export type Missing = { reason: string; context: boolean };

/** `nameOf`: an entity's display name, for replies. */
export function createChecks(analyzer: Analyzer, nameOf: (entity: string) => string) {
  // Statement words, in order, where figures are looked for (never in labels or variants). Only
  // "how much" questions need them, so start-up does not pay for them.
  const statementWordsCache = new Map<string, string[]>();
  function statementWords(f: IndexedFact) {
    let words = statementWordsCache.get(f.fact.id);
    if (!words) {
      words = splitWords(f.fact.statement.replaceAll('%', ' percent'));
      statementWordsCache.set(f.fact.id, words);
    }
    return words;
  }

  /** Whether every mention of a term in a fact's statement is unspecific: "some teams". */
  function namesNone(f: IndexedFact, term: string): boolean {
    const words = statementWords(f);
    let mentioned = false;
    for (let i = 0; i < words.length; i++) {
      if (analyzer.term(analyzer.canonicalWords(words[i] as string)[0] ?? '') !== term) continue;
      mentioned = true;
      const before = words.slice(Math.max(0, i - 2), i);
      if (!before.some((w) => UNSPECIFIC.has(w))) return false;
    }
    return mentioned;
  }

  /** Whether a fact states the figure a quantity question asks for. */
  function givesFigure(f: IndexedFact, a: QueryAnalysis, normalized: string): boolean {
    if (!a.intents.includes('percentage') && !a.intents.includes('amount')) return true;
    // "With Symphony, how many sessions...?": the fact's figure holds without Symphony, so asked of
    // what Symphony allows it is no answer; "before Symphony" it is.
    if (
      f.fact.figuresWithout.some((e) => a.entities.includes(e)) &&
      !/\b(?:before|without|prior to|pre|until|till)\b/.test(normalized)
    )
      return false;
    const words = statementWords(f);
    // A year is a date, not an amount.
    const isFigure = (w: string) => NUMBER.test(w) && !/^(?:19|20)\d{2}$/.test(w);
    // "Is there a limit on how much...?" and "same % as before?" are answered yes or no; "is the
    // stake exactly 27%?" only by a fact that gives a figure of its own, to confirm or correct.
    // A bare phrase that names the figure ("total dollar amount through 2030?") asks for it.
    // So does one that names a rate ("rev share %?"), unless it compares it ("same % as before?").
    const named =
      !YES_NO_ANYWHERE.test(normalized) &&
      (/\b(?:total|amount|figure|sum)\b/.test(normalized) ||
        (a.intents.includes('percentage') &&
          !/\b(?:same|unchanged|change|changed|changes|different|still)\b/.test(normalized)));
    if (
      a.yesNo ||
      /\bwhether\b/.test(normalized) ||
      !(named || /\b(?:what|whats|what's|wat|wats|which|how)\b/.test(normalized))
    ) {
      const quoted = splitWords(normalized.replaceAll('%', ' percent '));
      const percent = quoted.some((w, i) => isFigure(w) && quoted[i + 1] === 'percent');
      if (percent) return words.some((w, i) => isFigure(w) && words[i + 1] === 'percent');
      // "Did Microsoft's ownership percentage change?" needs a fact that speaks of a percentage.
      if (a.intents.includes('percentage') && !words.some((w) => /^percent(?:age)?s?$/.test(w))) return false;
      return !quoted.some(isFigure) || words.some(isFigure);
    }
    // "How many teams saw the 500% jump?" asks for a count, whatever else it mentions: a number
    // shortly before one of the words for what is counted.
    const counted: string[] = [];
    for (const w of analyzer.canonicalWords(
      /\bhow many((?:\s+[\p{L}]+){1,3})/u.exec(normalized)?.[1] ?? '',
    )) {
      const t = analyzer.term(w);
      if (t === null) break;
      if (!a.contextTerms.has(t)) counted.push(t);
    }
    if (counted.length > 0) {
      const termOf = (w: string) => analyzer.term(analyzer.canonicalWords(w)[0] ?? '');
      return words.some(
        (w, i) =>
          isFigure(w) && words.slice(i + 1, i + 4).some((next) => counted.includes(termOf(next) ?? '')),
      );
    }
    if (a.intents.includes('percentage'))
      return words.some((w, i) => isFigure(w) && words[i + 1] === 'percent');
    return words.some(isFigure);
  }

  function datedPrecisely(f: IndexedFact, a: QueryAnalysis, normalized: string): boolean {
    // "Q3 or Q4?" asks which quarter, even put as yes or no.
    const quarter = QUARTER_WANTED.test(normalized);
    const wanted = DAY_WANTED.test(normalized) ? 3 : MONTH_WANTED.test(normalized) || quarter ? 2 : 0;
    if (wanted === 0 || (a.yesNo && !quarter)) return true;
    if (a.years.length > 0 && !(f.dateYear && a.years.includes(f.dateYear))) return false;
    // "The licence expires when exactly?": an end a fact gives as a year ("through 2032") will do.
    if (wanted === 2 && !quarter && a.intents.includes('duration') && f.years.size > 0) return true;
    return f.datePrecision >= wanted;
  }

  /**
   * What the question asks for that the chosen facts (the leading one first) do not state. `peers`:
   * the chosen facts as much about what is asked as the leading one (which is one of them).
   */
  function missingDetail(
    lower: string,
    a: QueryAnalysis,
    chosen: IndexedFact[],
    peers: IndexedFact[] = chosen.slice(0, 1),
  ): Missing | null {
    const intents = new Set(a.intents);
    // "How much", "how many", "what percentage" want a figure from the most relevant fact itself,
    // not from a neighbour that happens to state one; "how many teams" wants a number of teams.
    // In a question of two parts ("how much, and on what condition?") the figure may come from
    // another fact of the same topic.
    const leadTopic = chosen[0]?.fact.topic;
    const sameTopic = chosen.filter((f) => f.fact.topic === leadTopic);
    if (!sameTopic.some((f) => givesFigure(f, a, lower)))
      return { reason: "My sources don't give that figure.", context: true };
    // "On what day" wants a day, not a month; "which month of 2022" a month of that year.
    if (chosen[0] && !datedPrecisely(chosen[0], a, lower))
      return { reason: "My sources don't give that date.", context: true };
    // "What did the clause say?", "How was AGI defined?" want the wording itself, which no fact
    // quotes.
    if (!a.yesNo && WORDING.test(lower))
      return { reason: "My sources don't give the wording.", context: true };
    // "What is Symphony?" wants to know what it is: only a fact that says so answers.
    if (a.defines && !chosen.some((f) => f.fact.defines.includes(a.defines as string)))
      return { reason: `My sources don't say what ${nameOf(a.defines)} is.`, context: true };
    // "Did AWS end up with Frontier exclusivity?" asks how a demand turned out, which it does not say.
    // Nor does it say what will come of it: "is Frontier going to be AWS-only?"
    if ((intents.has('outcome') || FUTURE.test(lower)) && chosen[0]?.states.has('demand'))
      return {
        reason: `My sources don't say how that ${intents.has('outcome') ? 'turned out' : 'will turn out'}.`,
        context: true,
      };
    // "How do I request access?" wants steps: facts that give none do not answer it.
    if (intents.has('steps') && !chosen.some((f) => f.states.has('steps')))
      return { reason: "My sources don't say how to do that.", context: true };
    // "Is Microsoft going to build its own models?" wants a forecast too, unless a fact states the
    // action as agreed ("is Microsoft going to drop the AGI clause?": it has).
    if (
      a.planned !== null &&
      !chosen.some((f) => f.stated.has(a.planned as string) || f.states.has('forecast'))
    )
      return { reason: "My sources don't make that forecast.", context: true };
    // "Is the cap likely to be raised?" wants a forecast: facts that make none do not answer it.
    if (intents.has('forecast') && !chosen.some((f) => f.states.has('forecast')))
      return { reason: "My sources don't make that forecast.", context: true };
    // "Who runs..." wants a person: facts that name none do not answer it.
    if (intents.has('person') && !chosen.some((f) => f.states.has('person')))
      return { reason: "My sources don't name the people involved.", context: false };
    // "How long", "until when" want a duration or an end date.
    // "How long were they negotiating?" wants a span; "how long does it run?" an end date will do.
    const span =
      /\bhow long\b/.test(lower) &&
      !/\b(?:until|till|last|run|runs|expire|expires|end|ends|valid|keep|continue)\b/.test(lower);
    // From a fact as much about what is asked as the leading one: in "how long does Microsoft's
    // first call last?", the year Azure exclusivity began is no end of it. A question of two parts
    // ("until when, and is there a cap?") may have it from any.
    const answering = TWO_PARTS.test(lower) ? chosen : peers;
    if (
      intents.has('duration') &&
      !answering.some((f) => f.states.has('duration') || (!span && f.states.has('date')))
    )
      return { reason: "My sources don't say how long.", context: false };
    // "When" wants a date or a time: facts that give none do not answer it.
    if (
      a.asksWhen &&
      !chosen.some(
        (f) => ['date', 'duration', 'condition'].some((st) => f.states.has(st)) || f.datePrecision > 0,
      )
    )
      return { reason: "My sources don't give that date.", context: true };
    // "What did Microsoft get in return?" wants the other side of a bargain, which only a fact that
    // states a demand gives.
    if (IN_RETURN.test(lower) && !chosen.some((f) => f.fact.topic === leadTopic && f.states.has('demand')))
      return { reason: "My sources don't say what was given in return.", context: true };
    // "Why" wants a reason: facts that give none do not answer it.
    // Of the year asked about: "what led to the Azure exclusivity deal in 2022?" is not answered by
    // what set off the 2026 restructuring.
    const yearAsked = !a.yesNo && a.years.length > 0 && !a.subjectYear;
    const ofYear = yearAsked ? chosen.filter((f) => a.years.some((y) => f.years.has(y))) : chosen;
    // "What were the original 2022 terms?": none of that year's are given.
    if (intents.has('condition') && yearAsked && !ofYear.some((f) => f.states.has('condition')))
      return { reason: "My sources don't give those terms.", context: true };
    if (intents.has('cause') && !ofYear.some((f) => f.states.has('cause')))
      return { reason: "My sources don't give a reason for that.", context: false };
    // A year the question names must be one the answer speaks of; "after 2030" needs a later one;
    // "this week", counted from today, is a period sources written at one time do not speak of.
    const after = a.after;
    if (
      // Any one of them: "2030 or 2032?" offers alternatives.
      // "Does Microsoft lose the licence in 2030?" is answered by the fact that gives its year.
      (!a.yesNo &&
        a.years.length > 0 &&
        !a.subjectYear &&
        !a.years.some((y) => chosen.some((f) => f.years.has(y)))) ||
      (after !== null && !chosen.some((f) => [...f.years].some((y) => Number(y) > after))) ||
      // The month is the leading fact's when it is dated: "which day in February..." is not
      // answered by an April fact that a February one supports. An undated lead may have a dated
      // neighbour give the month ("what was pledged in February, and on what condition?").
      (!a.yesNo &&
        a.months.length > 0 &&
        !(chosen[0]?.dateMonth !== undefined
          ? a.months.includes(chosen[0].dateMonth)
          : chosen.some((f) => f.dateMonth !== undefined && a.months.includes(f.dateMonth)))) ||
      (!a.yesNo && a.relativePeriod)
    )
      return { reason: "My sources don't cover that period.", context: true };

    return null;
  }

  return { namesNone, missingDetail };
}
