import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import {
  askedForOf,
  cleanQuestion,
  createAnalyzer,
  detectIntents,
  isStopWordTypo,
  MAX_STEMS,
  splitWords,
  withoutFraming,
} from '../../src/core/text.js';

describe('the asked-for word', () => {
  it('follows a question word that starts a clause, not a relative "which"', () => {
    expect(askedForOf('which teams saw it').words).toEqual(['teams', 'saw', 'it']);
    expect(askedForOf('hey, what price is it').words[0]).toBe('price');
    expect(askedForOf('up to $50b - what milestones decide it').words[0]).toBe('milestones');
    expect(askedForOf('does it keep the clause which people argued about').words).toEqual([]);
    expect(askedForOf('is there a limit on how much openai pays').wh).toBe('how');
    expect(askedForOf('on which stock exchange will openai list').words[0]).toBe('stock');
  });
});

describe('aliases', () => {
  const analyzer = createAnalyzer(loadKnowledge());

  it('let a one-word variant that is its own stem stand for its inflections, and no other', () => {
    // "limit" is its own stem: "limits" is a cap. "deliver" is not ("deliv"): "deliverables" is not
    // a way of serving, though it stems to "deliver".
    expect(analyzer.canonicalWords('limits deliverables ceilinged')).toEqual([
      'cap',
      'deliverables',
      'ceilinged',
    ]);
  });

  it("read a leader's full name with a word for their people as the company", () => {
    expect(analyzer.canonicalWords('Jeff Bezos gang, Satya Nadella crew')).toEqual(['amazon', 'microsoft']);
  });
});

describe('index terms', () => {
  it('stay right after more distinct words than are remembered', () => {
    const analyzer = createAnalyzer(loadKnowledge());
    const known = ['licensing', 'exclusivity', 'the', 'microsoft', 'bedrock'].map(analyzer.term);
    for (let i = 0; i < MAX_STEMS + 100; i++) analyzer.term(`zq${i}words`);
    expect(['licensing', 'exclusivity', 'the', 'microsoft', 'bedrock'].map(analyzer.term)).toEqual(known);
    expect(known[0]).toBe('licens');
    expect(known[2]).toBeNull();
    expect(analyzer.term('zq7words')).toBe('zq7word');
  });
});

describe('misspelt stop words', () => {
  it('are recognised, but real words and short ones are not taken for them', () => {
    expect(isStopWordTypo('happend')).toBe(true);
    expect(isStopWordTypo('exclusive')).toBe(false);
    expect(isStopWordTypo('whta')).toBe(false);
  });
});

describe('splitting words', () => {
  it('writes spelled-out figures as digits, reads "its own" as nobody owning anything, and a held-down letter once', () => {
    expect(splitWords('Amazon offered up to fifty billion dollars').join(' ')).toBe(
      'amazon offered up to 50 billion dollars',
    );
    expect(splitWords('five hundred percent more PRs').join(' ')).toBe('500 percent more prs');
    expect(splitWords('one of its products').join(' ')).toBe('one of its products');
    expect(splitWords("Microsoft's own idea").join(' ')).toBe('microsoft idea');
    // A letter held down for effect is read once; real double letters stay.
    expect(splitWords('lmaooo sooo good, pleaseee').join(' ')).toBe('lmao so good please');
    expect(splitWords('coool, it seeeems so').join(' ')).toBe('cool it seems so');
    expect(splitWords('the committee agreed').join(' ')).toBe('the committee agreed');
    expect(splitWords('does microsoft own part of openai').join(' ')).toContain('own');
  });

  it('reads letters beyond ASCII as letters, held down or not', () => {
    expect(splitWords('Déjà vu: the café, Ærø and Łódź').join(' ')).toBe('déjà vu the café ærø and łódź');
    expect(splitWords('merciii à toussss').join(' ')).toBe('merci à tous');
    expect(splitWords('caféééé').join(' ')).toBe('café');
    expect(splitWords('naïveeee').join(' ')).toBe('naïve');
    expect(splitWords('GPT-5.5 on Bedrock — ¿sí?').join(' ')).toBe('gpt 5.5 on bedrock sí');
  });

  it('joins a prefix to its word and a particle to its verb, in plain ASCII and beyond it', () => {
    // Each pair is read twice: alone, and after a dash beyond ASCII, which takes the Unicode path.
    for (const [text, words] of [
      ['The re-structure of a non-exclusive co-operation', 'the restructure of a nonexclusive cooperation'],
      ['re-5 and co-2', 're 5 and co 2'],
      ['They set the whole thing off', 'they set off the whole thing'],
    ]) {
      expect(splitWords(text as string).join(' ')).toBe(words);
      expect(splitWords(`— ${text}`).join(' ')).toBe(words);
    }
    expect(splitWords('a re-évaluation, set café off').join(' ')).toBe('a reévaluation set off café');
  });
});

describe('reading chat messages', () => {
  it('drops the greeting or label a message opens with, but not a topic before a colon', () => {
    expect(withoutFraming('hey all, quick q - did MSFT drop the AGI clause?')).toBe(
      'did MSFT drop the AGI clause?',
    );
    expect(withoutFraming('Legal question: is the IP licence still exclusive?')).toBe(
      'is the IP licence still exclusive?',
    );
    expect(withoutFraming('Our AWS account team is asking: when is Bedrock GA?')).toBe('when is Bedrock GA?');
    expect(withoutFraming('Bedrock: when is GA?')).toBe('Bedrock: when is GA?');
    expect(withoutFraming('hi team,')).toBe('hi team,');
    expect(withoutFraming('My manager asked me whether the AGI clause survived')).toBe(
      'whether the AGI clause survived',
    );
    expect(
      withoutFraming('journalist here, just double-checking a date: was it announced on 28 April?'),
    ).toBe('was it announced on 28 April?');
    expect(withoutFraming("Isn't it true that Microsoft is no longer the main partner?")).toBe(
      'Microsoft is no longer the main partner?',
    );
    expect(withoutFraming('for a board deck: what gain does OpenAI claim for Symphony?')).toBe(
      'what gain does OpenAI claim for Symphony?',
    );
    // A question about the asking itself is left alone.
    expect(withoutFraming('Who asked whether Azure stays exclusive?')).toBe(
      'Who asked whether Azure stays exclusive?',
    );
  });

  it('removes mentions, links and invisible characters, even nested ones', () => {
    expect(cleanQuestion('<@U1> is\u200b the <https://x.y|deal> <!here> over?')).toBe('is the over?');
    expect(cleanQuestion('<<!channel>!channel> hi')).not.toMatch(/<!channel>/);
    expect(cleanQuestion('@cloud-guy did it ship? mail me at a@b.c')).toBe('did it ship? mail me at a@b.c');
    // Full-width forms are the same markup once normalised; links in capitals are links.
    expect(cleanQuestion('＜@U1＞ ｉｓ ＡＷＳ ｉｎ？')).toBe('is AWS in?');
    expect(cleanQuestion('＠here ｉｓ ＡＷＳ ｉｎ？')).toBe('is AWS in?');
    expect(cleanQuestion('see HTTPS://EXAMPLE.ORG/X is it GA')).toBe('see is it GA');
    expect(cleanQuestion('is\u0007 it GA')).toBe('is it GA');
  });

  it('reads what a question asks for', () => {
    expect(detectIntents('when does the licence end')).toEqual(['date']);
    expect(detectIntents('how long will it last?')).toContain('duration');
    expect(detectIntents('how much did microsoft pay last year')).not.toContain('duration');
    expect(detectIntents('how many days after the announcement')).toEqual(['duration']);
    expect(detectIntents('who at aws announced it')).toContain('person');
    expect(detectIntents('who pays whom now')).not.toContain('person');
    expect(detectIntents('how come they renegotiated')).toContain('cause');
    expect(detectIntents('is the cap likely to be raised')).toContain('forecast');
    expect(detectIntents('openai bedrock launch date')).toContain('date');
    // What makes something matter is not its cause.
    expect(detectIntents('why is the bedrock launch such a big deal')).not.toContain('cause');
  });
});
