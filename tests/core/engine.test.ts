import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_CHARS } from '../../src/core/engine.js';
import { realEngine } from '../helpers.js';

const engine = realEngine();
// The facts an answer cites; none when the bot abstains, even though an abstention may cite what
// the sources do say.
const factIds = (q: string) => {
  const answer = engine.ask(q);
  return answer.kind === 'answer' ? answer.citations.map((c) => c.factId) : [];
};

describe('answering', () => {
  it('answers with numbered citations to the source and section', () => {
    const answer = engine.ask('When does the IP licence end?');
    expect(answer.kind).toBe('answer');
    expect(answer.citations[0]).toMatchObject({
      n: 1,
      factId: 'ip-licence-term',
      title: 'Microsoft and OpenAI End Azure Exclusivity in Partnership Overhaul',
      publishers: ['Microsoft Blog', 'OpenAI'],
      date: '2026-04-28',
      section: 'Key Changes',
    });
    expect(answer.text).toContain('2032 [1].');
    expect(answer.asOf).toBe(engine.kb.asOf);
  });

  it('marks every sentence of an answer with a citation that exists', () => {
    for (const q of [
      'Is the Azure exclusivity over?',
      'What did Amazon promise OpenAI, and on what condition?',
    ]) {
      const answer = engine.ask(q);
      const sentences = answer.text.split(/(?<=\.)\s+/);
      for (const s of sentences) expect(s, q).toMatch(/\[\d+\]\.$/);
      const used = new Set([...answer.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
      expect([...used].sort()).toEqual(answer.citations.map((c) => c.n));
    }
  });

  it('joins the facts of a two-part question', () => {
    expect(factIds('What did Amazon promise OpenAI, and on what condition?')).toEqual(
      expect.arrayContaining(['amazon-commitment', 'amazon-frontier-condition']),
    );
  });

  it('reads paraphrases through aliases, stemming and typos', () => {
    expect(factIds('until when is msft licensed to use openai intellectual property')[0]).toBe(
      'ip-licence-term',
    );
    expect(factIds('is the licnese still exclusve?')[0]).toBe('ip-licence-non-exclusive');
    expect(factIds('when is the amzn bedrok GA expected')[0]).toBe('bedrock-general-availability');
  });

  it('reads a chat message: background sentences, negated words', () => {
    // Words of a sentence that only gives background cannot make the bot abstain.
    expect(
      factIds(
        "We are picking vendors for next year's platform rollout. Can OpenAI now run its products on any cloud it likes?",
      )[0],
    ).toBe('any-cloud-provider');
    expect(factIds("are OpenAI's payments to Microsoft unlimited?")[0]).toBe('revenue-share-capped');
    expect(factIds('@priya.k is the IP licence still exclusive?')[0]).toBe('ip-licence-non-exclusive');
    expect(factIds('What did Amazon pledge in February?')[0]).toBe('amazon-commitment');
    // A year the facts never use offers an alternative, not an unknown word; "shake-up" is "shakeup".
    expect(factIds('was the Microsoft-OpenAI shake-up announced in 2025 or 2026?')[0]).toBe(
      'restructuring-announced',
    );
    expect(factIds('how much did amazon put in, and what did it ask for in return?')).toEqual(
      expect.arrayContaining(['amazon-commitment', 'amazon-frontier-condition']),
    );
    expect(factIds('My boss asked me whether the AGI clause survived')[0]).toBe('agi-clause-removed');
    // A label of words the knowledge base does not know says who asks; "Bedrock:" says what about.
    expect(factIds('Reporter on deadline: was the deal rework announced on April 27, 2026?')[0]).toBe(
      'restructuring-announced',
    );
    expect(factIds('Bedrock: when is general availability expected?')[0]).toBe(
      'bedrock-general-availability',
    );
    // A company named only in the background need not be in the answer.
    expect(
      factIds(
        "We run everything on AWS and have no Azure account. Can our developers use OpenAI's Codex from our cloud?",
      )[0],
    ).toBe('bedrock-gpt-and-codex');
    expect(factIds('sorry if dumb question but what is Frontier?')[0]).toBe('amazon-frontier-condition');
    expect(factIds('I read that Amazon promised OpenAI $80 billion. Is that figure right?')[0]).toBe(
      'amazon-commitment',
    );
    expect(factIds('How many more years will OpenAI keep sending Microsoft a cut of its revenue?')[0]).toBe(
      'openai-revenue-share-continues',
    );
    expect(
      factIds('engineers maxed out at around 10 parallel codex sessions, is that what they said?')[0],
    ).toBe('codex-session-ceiling');
    expect(
      factIds(
        'I am fact-checking a draft that says the overhaul was announced in March 2026. Is that right?',
      )[0],
    ).toBe('restructuring-announced');
    expect(factIds('did msft dump its openai stake in this deal')[0]).toBe('microsoft-major-shareholder');
    // Who asks is background.
    expect(factIds('as an architect on oracle cloud, am i allowed to get openai models there now?')[0]).toBe(
      'any-cloud-provider',
    );
    // What is set apart is not asked.
    expect(factIds('Besides cloud exclusivity, what contested contract term got dropped?')[0]).toBe(
      'agi-clause-removed',
    );
  });

  it('corrects only typos, not real words; takes "X or Y" as alternatives; "GPT" as OpenAI\'s models', () => {
    // "apply" is one letter from the entity Apple, but it is an English word, not a typo.
    expect(factIds('Does the freedom to use any cloud apply to every OpenAI product?')[0]).toBe(
      'any-cloud-provider',
    );
    expect(factIds('Did the $50 billion come from Amazon or from Microsoft?')[0]).toBe('amazon-commitment');
    expect(factIds('when will GPT be generally available on Bedrock?')[0]).toBe(
      'bedrock-general-availability',
    );
    expect(factIds('How did the Amazon deal collide with the Microsoft arrangement?')[0]).toBe(
      'amazon-deal-triggered-restructuring',
    );
    // So is a statement put up for confirmation.
    expect(factIds('msft ip license runs out in 2030 right?')).toContain('ip-licence-term');
    expect(
      factIds(
        'Our AWS account team says GA for OpenAI on Bedrock is a few weeks out. Does that match what was reported?',
      )[0],
    ).toBe('bedrock-general-availability');
    // A yes-or-no question naming the wrong year is answered by the fact that gives the right one.
    expect(factIds("Does Microsoft lose its licence to OpenAI's IP in 2030?")).toContain('ip-licence-term');
  });

  it('tells who pays whom apart', () => {
    expect(factIds('Does OpenAI still pay Microsoft a revenue share?')[0]).toBe(
      'openai-revenue-share-continues',
    );
    expect(factIds('Does Microsoft still pay OpenAI a revenue share?')[0]).toBe(
      'microsoft-stops-revenue-share',
    );
  });

  it('tells who pays whom apart when the question puts them in order ("from X to Y", "X -> Y")', () => {
    expect(factIds('are the rev share payments from msft to openai continuing?')[0]).toBe(
      'microsoft-stops-revenue-share',
    );
    expect(factIds('are the rev share payments from openai to msft continuing?')[0]).toBe(
      'openai-revenue-share-continues',
    );
    expect(factIds('Is the Microsoft -> OpenAI revenue share still being paid?')[0]).toBe(
      'microsoft-stops-revenue-share',
    );
    expect(factIds('What happens to the payments Microsoft used to make to OpenAI?')[0]).toBe(
      'microsoft-stops-revenue-share',
    );
    expect(factIds('What happened to the payments Microsoft used to send OpenAI?')[0]).toBe(
      'microsoft-stops-revenue-share',
    );
    // Receiving from: the other way round.
    expect(factIds('Through which year will Microsoft keep receiving payments from OpenAI?')[0]).toBe(
      'openai-revenue-share-continues',
    );
    // "locked in to Microsoft" joins the two, but passes nothing between them.
    expect(factIds("Is OpenAI still locked in to Microsoft's cloud?")[0]).toBe('exclusivity-ended');
  });

  it('leaves out what the question sets aside ("besides the end date")', () => {
    // Without the aside, the fact that gives the end date leads.
    expect(factIds("What's new about the money OpenAI sends Microsoft?")[0]).toBe(
      'openai-revenue-share-continues',
    );
    expect(factIds("Besides the end date, what's new about the money OpenAI sends Microsoft?")[0]).toBe(
      'revenue-share-capped',
    );
    expect(factIds("what's new about the money openai sends microsoft, apart from the timeline?")[0]).toBe(
      'revenue-share-capped',
    );
  });

  it('reads filler phrases as no words ("still in effect", "back to the table")', () => {
    expect(factIds('Is Azure exclusivity still in effect for OpenAI?')[0]).toBe('exclusivity-ended');
    expect(factIds('so what forced msft and openai back to the table?')[0]).toBe(
      'amazon-deal-triggered-restructuring',
    );
  });

  it('reads two names before "deal" or "overhaul" as naming the subject, not as what is asked', () => {
    expect(factIds('need the exact date the MSFT-OpenAI deal overhaul was made public for a slide')[0]).toBe(
      'restructuring-announced',
    );
  });

  it('takes what is asked for from the sentence that asks, not from the background', () => {
    // "because" in the background says why; it does not ask why.
    expect(factIds('We picked Azure only because OpenAI ran there. Is that exclusivity over now?')[0]).toBe(
      'exclusivity-ended',
    );
    // What the answer is for is no part of the question.
    expect(factIds('When was the overhaul announced? I need it for the board memo.')[0]).toBe(
      'restructuring-announced',
    );
  });

  it('answers "was it X that..." with whoever did, X being put forward to check', () => {
    expect(factIds('Was it Google that pledged fifty billion dollars to OpenAI?')[0]).toBe(
      'amazon-commitment',
    );
  });

  it('keeps what a first reading might set aside when it is part of the question', () => {
    // "for the Codex project" names Codex; "beyond 2030" is a period; "When did..." asks when
    // even before a comma; "rather" rules nothing out; only "the Microsoft announcement" is the
    // subject, not whatever a company announced.
    expect(engine.explain('Who gets exclusive rights for the Codex project?').analysis.entities).toContain(
      'codex',
    );
    expect(engine.ask("Beyond 2030, does Microsoft keep access to OpenAI's models?").text).toMatch(/period/);
    expect(engine.explain('When did Amazon commit, how much was it?').analysis.intents).toContain('date');
    expect(engine.explain('Would OpenAI rather sell through Azure?').analysis.entities).toContain('azure');
    expect(engine.ask('What did Nvidia announce?').kind).toBe('abstain');
  });

  it('reads "go public" as a listing only when a company goes public', () => {
    expect(factIds('When might OpenAI go public?')[0]).toBe('possible-ipo-2026');
    expect(factIds('On which day did the news of the overhaul go public?')[0]).toBe(
      'restructuring-announced',
    );
  });

  it('answers "is X so, or did Y happen?" with the fact that settles X, whatever words Y uses', () => {
    // The made-up word counts against the question only on its own...
    expect(engine.ask('did the AGI clause get quietly binned?').kind).toBe('abstain');
    // ...not as the alternative a fact rules out.
    expect(factIds('is the AGI clause still in the contract, or did it get quietly binned?')[0]).toBe(
      'agi-clause-removed',
    );
    // Figures offered to choose from are a detail a fact must state.
    expect(engine.ask('how many weeks until Bedrock GA: is it two or is it four?').kind).toBe('abstain');
  });

  it('reads who is asking and what for as framing, not as the question', () => {
    expect(factIds('Relaying from a client: "which cloud gets OpenAI\'s new products first?"')[0]).toBe(
      'microsoft-primary-partner',
    );
    expect(factIds('For our quarterly deck I need the date the overhaul was announced')[0]).toBe(
      'restructuring-announced',
    );
    // A clause saying what someone does, beside the clause that asks, is background.
    expect(factIds('what launched on Bedrock on 28 April, my whole team keeps bringing it up')[0]).toBe(
      'bedrock-launch',
    );
  });

  it("reads a leader's people as their company, and the leader alone as a person", () => {
    expect(factIds("how much did Jassy's company pledge to OpenAI?")[0]).toBe('amazon-commitment');
    expect(factIds("when did Satya's crew and OpenAI announce the new terms?")[0]).toBe(
      'restructuring-announced',
    );
    expect(engine.ask('What did Satya say about the deal?').kind).toBe('abstain');
  });

  it('reads months offered to choose from as asking when, and a period in an "if" clause as a case', () => {
    expect(factIds('was the partnership overhaul april or may?')[0]).toBe('restructuring-announced');
    expect(factIds('if OpenAI launches a model next week, does Azure get it first?')[0]).toBe(
      'microsoft-primary-partner',
    );
    expect(engine.ask("which cloud gets OpenAI's new models first next week?").text).toMatch(/period/);
  });

  it('tells what may be from what is: "can OpenAI use Google Cloud?" against "is it on Google Cloud yet?"', () => {
    expect(factIds('can OpenAI use Google Cloud now?')[0]).toBe('any-cloud-provider');
    const actual = engine.ask('is OpenAI already running on Google Cloud?');
    expect(actual.kind).toBe('abstain');
    expect(actual.text).toMatch(
      /don't say whether that has happened with Google Cloud\. What they do say: OpenAI may/,
    );
    // A fact that says what is (OpenAI's models are on Bedrock) answers it.
    expect(factIds('are GPT models already live on Bedrock?')[0]).toMatch(/^bedrock-/);
  });

  it('asks for a figure when the question wants it in dollars or as a ballpark', () => {
    expect(engine.ask("what's the cap on OpenAI's payments to Microsoft, in dollars?").text).toMatch(
      /don't give that figure/,
    );
  });

  it('reads a year in the background or offered as a guess as no condition on the answer', () => {
    expect(factIds('when did the Amazon pledge happen? a friend swears it was 2025')[0]).toBe(
      'amazon-commitment',
    );
    expect(factIds('when did Azure exclusivity begin, 2016 or later?')[0]).toBe('exclusivity-ended');
    // Asked, the year is a condition the facts must meet.
    expect(engine.ask('what did Amazon pledge to OpenAI in 2025?').text).toMatch(/period/);
  });

  it('reads chat tags and time phrases for what they mean', () => {
    // "Legit or fake news?" asks whether it is true.
    expect(factIds("heard OpenAI's payments to Microsoft now have a ceiling. legit or fake news?")[0]).toBe(
      'revenue-share-capped',
    );
    expect(factIds('is Microsoft still a big OpenAI shareholder after all this drama?')[0]).toBe(
      'microsoft-major-shareholder',
    );
    // "The end of April" is a time, not an ending.
    expect(factIds('what happened between Microsoft and OpenAI at the end of April?')[0]).toBe(
      'restructuring-announced',
    );
    expect(factIds('what started this whole thing?')[0]).toBe('amazon-deal-triggered-restructuring');
  });

  it('reads "drop" with nothing dropped as coming out: a deal comes out as news', () => {
    expect(factIds('when did the Microsoft–OpenAI overhaul drop?')[0]).toBe('restructuring-announced');
    expect(factIds('did Microsoft drop the AGI clause?')[0]).toBe('agi-clause-removed');
  });

  it("takes a company the second side of a choice puts forward as an alternative to the first side's", () => {
    expect(factIds("is Microsoft still OpenAI's top partner, or did Amazon take its place?")[0]).toBe(
      'microsoft-primary-partner',
    );
    // The first side's companies the answer must still speak of.
    expect(engine.ask('will Frontier come to Azure too, or is it AWS only?').kind).toBe('abstain');
  });

  it('reads a comment as background only beside a clause that says what it asks', () => {
    expect(engine.ask('my laptop keeps crashing every hour, any fix?').kind).toBe('abstain');
  });

  it('says a demand is not how it turned out: "did AWS end up with Frontier exclusivity?"', () => {
    expect(factIds('what did Amazon demand in return for its money?')[0]).toBe('amazon-frontier-condition');
    const outcome = engine.ask('so did Amazon end up with exclusive rights to Frontier?');
    expect(outcome.kind).toBe('abstain');
    expect(outcome.text).toMatch(/how that turned out\. What they do say: Amazon attached a condition/);
  });

  it('answers "what is X?" only with a fact that says what X is', () => {
    expect(factIds('what is Frontier?')[0]).toBe('amazon-frontier-condition');
    const symphony = engine.ask('what is Symphony exactly, a product?');
    expect(symphony.kind).toBe('abstain');
    expect(symphony.text).toMatch(
      /don't say what Symphony is\. What they do say: According to OpenAI, Symphony/,
    );
    expect(engine.ask('what does Symphony actually do?').kind).toBe('abstain');
    // Asked about, not asked to be defined.
    expect(factIds("what's Symphony's effect on pull requests?")[0]).toBe('symphony-pull-requests');
  });

  it('answers "did X get Y?" only with a fact that states Y', () => {
    expect(engine.ask('Did Amazon get equity in OpenAI for its $50 billion?').kind).toBe('abstain');
    expect(factIds('does Microsoft still get first call on new products?')[0]).toBe(
      'microsoft-primary-partner',
    );
    // "Get scrapped" is no getting.
    expect(factIds('does OpenAI still owe Microsoft a revenue share, or did that get scrapped?')[0]).toBe(
      'openai-revenue-share-continues',
    );
  });

  it('reads two of one kind offered to choose from as asking which of that kind', () => {
    expect(factIds('is OpenAI going to list on a stock exchange?')[0]).toBe('possible-ipo-2026');
    expect(engine.ask('will OpenAI list on the NYSE or Nasdaq?').kind).toBe('abstain');
  });

  it('reads "what OpenAI stuff..." as asking for products, named', () => {
    expect(factIds('what OpenAI stuff can we get on Bedrock?')[0]).toBe('bedrock-gpt-and-codex');
  });

  it('reads who said it and who keeps talking about it as framing', () => {
    expect(
      factIds('someone in #random swore the payments to Microsoft are capped now. fact check pls')[0],
    ).toBe('revenue-share-capped');
    expect(factIds('what was the April 28 Bedrock thing everyone keeps talking about')[0]).toBe(
      'bedrock-launch',
    );
  });

  it('reads phrasal verbs split by their object, ordinals and figure units', () => {
    expect(factIds('what set this whole restructuring off?')[0]).toBe('amazon-deal-triggered-restructuring');
    expect(factIds('what happened on the 28th of April?')[0]).toBe('bedrock-launch');
    expect(factIds('was it 50 billion or 50 million from Amazon?')[0]).toBe('amazon-commitment');
  });

  it('answers "which day in February?" from the fact dated in February, or says the day is not given', () => {
    const answer = engine.ask('which day in February did Amazon make its pledge?');
    expect(answer.text).toMatch(/don't give that date\. What they do say: In February 2026 Amazon/);
  });

  it('reads more chat: an intra-word hyphen ends no greeting, "#1", "til", a period word, "Q3 or Q4?"', () => {
    expect(factIds('so the azure lock-in is done? like officially?')[0]).toBe('exclusivity-ended');
    expect(factIds("who's openai's #1 partner now, msft or amazon?")[0]).toBe('microsoft-primary-partner');
    expect(factIds('roughly how long til everyone can use GPT on Bedrock?')[0]).toBe(
      'bedrock-general-availability',
    );
    expect(factIds('if OpenAI ships a new model tomorrow where does it show up first')[0]).toBe(
      'microsoft-primary-partner',
    );
    expect(engine.ask('will the IPO be in Q3 or Q4?').text).toMatch(/don't give that date/);
    // Passive "got dropped" is removal, not coming out.
    expect(factIds('Apart from ending exclusivity, which controversial term got dropped?')[0]).toBe(
      'agi-clause-removed',
    );
  });

  it('reads "did that get axed?" as no getting, and more chat as what it means', () => {
    expect(factIds('is openai still paying microsoft anything or did that get axed too')[0]).toBe(
      'openai-revenue-share-continues',
    );
    expect(factIds('timeline for full availability of GPT models on AWS?')[0]).toBe(
      'bedrock-general-availability',
    );
    expect(factIds('where do brand new OpenAI products show up first now')[0]).toBe(
      'microsoft-primary-partner',
    );
  });

  it('reads what "without..." rules out as no part of what is asked', () => {
    expect(factIds('can we get GPT through Bedrock without switching clouds?')[0]).toBe(
      'bedrock-gpt-and-codex',
    );
  });

  it('has no opinion to give ("who won the deal?"), but answers what "do you think" frames', () => {
    expect(engine.ask('who came out on top in the deal, Microsoft or OpenAI?').text).toMatch(
      /give no opinion/,
    );
    expect(factIds('What do you think — is the AGI clause gone?')[0]).toBe('agi-clause-removed');
  });

  it('keeps to what a question asks when its trigger words are used innocently', () => {
    // A missing detail ruled out by "without" is still what is asked.
    expect(engine.ask("Can Microsoft sell its stake without OpenAI's consent?").kind).toBe('abstain');
    // "Is everyone moving..." is the question, not chatter about it.
    expect(engine.ask('Is everyone moving off Azure now?').kind).toBe('abstain');
    // "In all the regions" is the detail asked for.
    expect(engine.ask('Is Codex on Bedrock available in all the regions?').kind).toBe('abstain');
    // "When did..." asks when; only a "when..., " clause sets up a case.
    expect(engine.ask('When did AWS launch OpenAI models last week?').text).toMatch(/period/);
    // "Still" in a comment clause asks for no outcome.
    expect(factIds('I keep forgetting — what condition did Amazon attach?')[0]).toBe(
      'amazon-frontier-condition',
    );
    // A leader's name before a verb is the person, not the company.
    expect(engine.ask('Did Sam Altman cash out?').kind).toBe('abstain');
    // A label naming the subject stays part of the question; "was it dropped" is removal.
    expect(factIds('Microsoft and OpenAI were arguing over the AGI clause: was it dropped?')[0]).toBe(
      'agi-clause-removed',
    );
    expect(factIds('Is exclusivity dropped in the new deal?')[0]).toBe('exclusivity-ended');
    // "What is X's ..." asks about X's thing, not what X is.
    expect(factIds("What is Microsoft and OpenAI's new revenue share arrangement?")[0]).toMatch(
      /revenue-share/,
    );
    // A second side that is about the asker settles nothing.
    expect(engine.ask('is a CS degree still worth it in 2026 or should i just build stuff').kind).toBe(
      'abstain',
    );
  });

  it('reads "how much cash" as asking for an amount, and slang for ending as ending', () => {
    expect(factIds('how much cash did Amazon put up for OpenAI?')[0]).toBe('amazon-commitment');
    expect(factIds('did they yeet the AGI clause?')[0]).toBe('agi-clause-removed');
  });

  it('reads an emoji as the end of a sentence, and short month names as months', () => {
    // Without the break, "an Azure tenant" would be a company the answer must speak of.
    expect(
      factIds('we only run on AWS 😅 do we get GPT via Bedrock now or still need an Azure tenant?')[0],
    ).toBe('bedrock-gpt-and-codex');
    expect(factIds('what launched for openai on aws on apr 28?')[0]).toBe('bedrock-launch');
  });

  it('reads who wants to know, a quoted question and "which is it?" as framing', () => {
    expect(factIds('my VP needs to understand whether the IP licence is still exclusive')[0]).toBe(
      'ip-licence-non-exclusive',
    );
    expect(
      factIds(
        'a partner asked me "when did OpenAI models show up on Bedrock?" can someone confirm before I answer',
      )[0],
    ).toBe('bedrock-launch');
    expect(
      factIds('Our GC keeps asking whether the AGI clause survived or got removed. Which is it?')[0],
    ).toBe('agi-clause-removed');
    expect(factIds('tbh i missed the news, when did microsoft and openai announce the new terms')[0]).toBe(
      'restructuring-announced',
    );
  });

  it('reads the case an "if" clause sets up, a comment clause ending the question and a limit on how much', () => {
    expect(factIds('if a client is 100% on google cloud, can openai sell to them there?')[0]).toBe(
      'any-cloud-provider',
    );
    expect(factIds('How does Microsoft still profit as OpenAI grows, now that it lost exclusivity?')[0]).toBe(
      'microsoft-major-shareholder',
    );
    expect(factIds('is there a ceiling on how much openai pays microsoft in total?')[0]).toBe(
      'revenue-share-capped',
    );
  });

  it('reads a lead-in that names nothing the facts know, and a request for a figure', () => {
    expect(
      factIds(
        'Compliance needs the history for an audit — what forced Microsoft and OpenAI to renegotiate?',
      )[0],
    ).toBe('amazon-deal-triggered-restructuring');
    expect(engine.ask('how big is the cap on what openai pays microsoft? need a number').text).toMatch(
      /figure/,
    );
    expect(engine.ask('total amount openai pays microsoft until 2030?').text).toMatch(/figure/);
  });

  it('reads one party before another as who comes first, and what one gets out of something as benefit', () => {
    expect(factIds('will new openai products show up on azure before google cloud?')[0]).toBe(
      'microsoft-primary-partner',
    );
    expect(factIds('what does microsoft get out of openai growing?')[0]).toBe('microsoft-major-shareholder');
    // The case an "if" sets up is background: what is asked (a fee) is still unknown.
    expect(engine.ask('is there a fee if openai launches on google cloud before azure?').answered).toBe(
      false,
    );
    expect(factIds('when did the restructuring go public? it came out of nowhere')[0]).toBe(
      'restructuring-announced',
    );
  });

  it('reads more chat: a purpose with "pls", "whens", "when exactly", a final year, shrinking obligations', () => {
    expect(factIds('need the day the new deal was announced for a board memo pls')[0]).toBe(
      'restructuring-announced',
    );
    expect(factIds('whens the bedrock GA?')[0]).toBe('bedrock-general-availability');
    // "When exactly" asks for the date as precisely as the sources give it.
    expect(factIds('when exactly did amazon pledge the money?')[0]).toBe('amazon-commitment');
    expect(factIds("what is the final year of microsoft's ip licence?")[0]).toBe('ip-licence-term');
    expect(factIds("did microsoft's payment obligations to openai shrink or end?")[0]).toBe(
      'microsoft-stops-revenue-share',
    );
    expect(factIds("could we use codex through bedrock instead of openai's api?")[0]).toBe(
      'bedrock-gpt-and-codex',
    );
    expect(factIds('what limits how much value teams get from coding agents, compute or people?')[0]).toBe(
      'agent-coding-bottleneck',
    );
  });

  it('reads "remind me", a one-to-three-word question about what came before, and dropping something new', () => {
    expect(factIds('remind me when microsoft and openai announced the new terms')[0]).toBe(
      'restructuring-announced',
    );
    // Without the first sentence, "possible now?" asks nothing the facts could answer.
    expect(factIds("customer runs only on AWS and won't open an Azure account. possible now?")[0]).toBe(
      'any-cloud-provider',
    );
    expect(factIds('when openai drops something new, does azure get it before aws?')[0]).toBe(
      'microsoft-primary-partner',
    );
    expect(factIds('did they loosen the azure exclusivity or end it?')[0]).toBe('exclusivity-ended');
    expect(factIds("what's the key takeaway on openai's cloud strategy?")[0]).toBe('platform-decoupled');
    expect(factIds('is openai still giving microsoft a share of revenue')[0]).toBe(
      'openai-revenue-share-continues',
    );
  });

  it('reads devs as customers, trouble as conflict, everybody able to use it as GA, strings that came attached', () => {
    expect(factIds('we only use aws. can our devs get gpt models through our existing aws setup?')[0]).toBe(
      'bedrock-gpt-and-codex',
    );
    expect(factIds('in what month did the trouble that sparked the overhaul start?')[0]).toBe(
      'amazon-deal-triggered-restructuring',
    );
    expect(factIds('how long until everybody can use openai models on bedrock?')[0]).toBe(
      'bedrock-general-availability',
    );
    expect(factIds('what strings came attached to the amazon money?')[0]).toBe('amazon-frontier-condition');
  });

  it('reads more chat: expiry, root cause, shredding, a slice of revenue, how far out, hearsay closing a question', () => {
    expect(factIds("when does msft's ip licence hit expiry?")[0]).toBe('ip-licence-term');
    expect(factIds("what's the root cause of the overhaul?")[0]).toBe('amazon-deal-triggered-restructuring');
    expect(factIds('did they basically shred the azure exclusivity?')[0]).toBe('exclusivity-ended');
    expect(factIds('is openai still giving microsoft a slice of its revenue?')[0]).toBe(
      'openai-revenue-share-continues',
    );
    expect(factIds('how far out is GA for openai on bedrock?')[0]).toBe('bedrock-general-availability');
    expect(factIds("is microsoft still openai's main partner, or did amazon take the crown?")[0]).toBe(
      'microsoft-primary-partner',
    );
    expect(factIds('has symphony helped every team?')[0]).toBe('symphony-pull-requests');
    expect(factIds('does the ip licence end in 2030 like some people on twitter are saying?')[0]).toBe(
      'ip-licence-term',
    );
    expect(factIds('sales lead here — when did openai models land on bedrock?')[0]).toBe('bedrock-launch');
    // Whether there is a maximum asks yes or no, not for the figure.
    expect(
      factIds("finance wants to know whether there's a max amount on what openai pays microsoft")[0],
    ).toBe('revenue-share-capped');
  });

  it('reads a third round of chat: who keeps quoting, where someone said it, a mix-up, a comment', () => {
    expect(factIds('whats the 500% stat ppl keep posting')[0]).toBe('symphony-pull-requests');
    expect(factIds("someone in another channel said openai's payouts to msft got capped. legit?")[0]).toBe(
      'revenue-share-capped',
    );
    expect(
      factIds(
        'my boss says openai no longer has to pay msft anything. is that right or did he mix something up',
      )[0],
    ).toBe('openai-revenue-share-continues');
    expect(
      factIds(
        'how does the amazon deal relate to the microsoft overhaul, looks like two unrelated things',
      )[0],
    ).toBe('amazon-deal-triggered-restructuring');
    // A lead-in before a dash is background when the question after it stands on its own.
    expect(
      factIds(
        'updating our revenue model of microsoft — until when do the payments from openai keep coming?',
      )[0],
    ).toBe('openai-revenue-share-continues');
  });

  it('reads more idioms: getting things first, a company that lists, fine print, moving the needle', () => {
    expect(factIds('does azure still get new openai models first?')[0]).toBe('microsoft-primary-partner');
    expect(factIds('could openai actually list next year? asking for my product team')[0]).toBe(
      'possible-ipo-2026',
    );
    expect(factIds('whats the fine print on amazons money')[0]).toBe('amazon-frontier-condition');
    expect(factIds('did symphony really move the needle on merged pull requests?')[0]).toBe(
      'symphony-pull-requests',
    );
    expect(factIds("is openai on amazon's managed model service now?")[0]).toMatch(/^bedrock-/);
    expect(factIds('does openai still hinge on microsoft azure?')[0]).toBe('platform-decoupled');
    // What a question sets aside ("apart from the end year") is not what it asks for.
    expect(factIds('besides the end year, anything else new about what openai pays microsoft?')[0]).toBe(
      'revenue-share-capped',
    );
  });

  it('reads what a question rules out, a doubting tag and a drop with an article as a release', () => {
    // The company ruled out need not be in the answer.
    expect(
      factIds('can my team use gpt through our aws account instead of opening an azure subscription?')[0],
    ).toBe('bedrock-gpt-and-codex');
    // "..., is that right or am I confusing things" asks yes or no: April corrects March.
    expect(
      factIds(
        'a colleague says the overhaul was made public in march, is that right or am i confusing things',
      )[0],
    ).toBe('restructuring-announced');
    expect(factIds('sanity check — did msft and openai announce the new terms in april or in may?')[0]).toBe(
      'restructuring-announced',
    );
    expect(factIds('will new openai models hit azure first or aws first?')[0]).toBe(
      'microsoft-primary-partner',
    );
    expect(factIds('how long till openai on bedrock is fully open to everybody?')[0]).toBe(
      'bedrock-general-availability',
    );
    expect(factIds('does openai still owe microsoft a kickback?')[0]).toBe('openai-revenue-share-continues');
    expect(factIds('is msft still riding openai growth?')[0]).toBe('microsoft-major-shareholder');
    expect(factIds('when was the bedrock drop?')[0]).toBe('bedrock-launch');
  });

  it('reads a sum named to say which money is meant as no request for the sum', () => {
    expect(factIds("what was the catch attached to amazon's $50 billion?")[0]).toBe(
      'amazon-frontier-condition',
    );
    expect(factIds('what strings came with the $50B from amazon?')[0]).toBe('amazon-frontier-condition');
    expect(factIds('AMZN $50B OpenAI?')[0]).toBe('amazon-commitment');
    // "The Symphony gains" are gains, not something Symphony got.
    expect(
      factIds('did the symphony gains come before or after engineers hit the codex session limit?')[0],
    ).toBe('codex-session-ceiling');
  });

  it('reads a fourth round: an end given as a year, a word or two as an alternative, more chat', () => {
    // "When exactly" wants a month, but an end a fact gives as a year will do.
    expect(factIds("msft's license to openai models expires when exactly?")[0]).toBe('ip-licence-term');
    expect(factIds('is the limit on agent coding people or GPUs?')[0]).toBe('agent-coding-bottleneck');
    expect(factIds('until what year does openai keep cutting checks to microsoft')[0]).toBe(
      'openai-revenue-share-continues',
    );
    expect(factIds('openai payments to microsoft have a ceiling now, true or cap (no pun intended)')[0]).toBe(
      'revenue-share-capped',
    );
    expect(factIds('what does first call mean for microsoft in this context')[0]).toBe(
      'microsoft-primary-partner',
    );
    expect(factIds('is there an ipo angle to any of this?')[0]).toBe('possible-ipo-2026');
    expect(factIds('whats the single biggest change in the new terms?')[0]).toBe('exclusivity-ended');
    expect(factIds("bezos bucks for openai: what's the max")[0]).toBe('amazon-commitment');
  });

  it('reads "so far" as up to today only when counting, and more of what is set aside', () => {
    expect(factIds('what results has openai reported for symphony so far?')[0]).toBe(
      'symphony-pull-requests',
    );
    expect(factIds("how much of amazon's 50B has been paid so far?")).toEqual([]);
    // "Besides the timeline" sets aside the dates and how long, up to the question word.
    expect(factIds('besides the timeline what else changed in what openai pays msft')[0]).toBe(
      'revenue-share-capped',
    );
    expect(
      factIds(
        "after all this drama is msft still openai's number one partner or did amazon take that spot",
      )[0],
    ).toBe('microsoft-primary-partner');
  });

  it('reads a fifth round: a verbless "X still...", the word for what is asked, a doubting tag', () => {
    expect(factIds("msft still openai's main partner or did amazon take that spot")[0]).toBe(
      'microsoft-primary-partner',
    );
    // "The number" is what a fact stating an amount gives, in whatever words.
    expect(factIds('was it 50B from amazon or am i mixing that up with a different number')[0]).toBe(
      'amazon-commitment',
    );
    expect(factIds('what is Frontier, in the context of the Amazon deal?')[0]).toBe(
      'amazon-frontier-condition',
    );
    expect(factIds('tl;dr is openai still betting on a single cloud')[0]).toBe('platform-decoupled');
    expect(factIds('msft still on the openai cap table in a meaningful way?')[0]).toBe(
      'microsoft-major-shareholder',
    );
    expect(
      factIds(
        'someone in #news claims microsoft and openai redid their contract in april 2026. can anyone confirm or is that fanfic',
      )[0],
    ).toBe('restructuring-announced');
  });

  it('reads a sixth round: carrying on, being stuck, holding bags, hype as significance', () => {
    expect(factIds("how long do openai's payments to microsoft carry on for")[0]).toBe(
      'openai-revenue-share-continues',
    );
    expect(factIds('how long had openai been stuck being azure-only before the restructuring')[0]).toBe(
      'exclusivity-ended',
    );
    expect(factIds('did microsoft dump its openai stake or still holding bags')[0]).toBe(
      'microsoft-major-shareholder',
    );
    expect(factIds('whatever happened to that spicy AGI clause')[0]).toBe('agi-clause-removed');
    expect(factIds('why is everyone hyping the bedrock launch so hard?')[0]).toBe('bedrock-first-multicloud');
    expect(
      factIds('can openai sell its products on google cloud now? asking for my cto who hates azure')[0],
    ).toBe('any-cloud-provider');
    // Names and words for the subject as a whole ask about the overhaul itself.
    expect(
      factIds('was the contract overhaul this spring or am i mixing it up with something from last year')[0],
    ).toBe('restructuring-announced');
  });

  it('reads a seventh round: what OpenAI said of its products, sites, safe assumptions, routing', () => {
    // Codex is OpenAI's: a fact about Codex speaks of OpenAI.
    expect(factIds('how many concurrent codex sessions did openai say engineers top out at')[0]).toBe(
      'codex-session-ceiling',
    );
    expect(
      factIds(
        'did microsoft and openai genuinely redo their whole arrangement or is this just x.com hype again',
      )[0],
    ).toBe('restructuring-announced');
    expect(factIds('safe to assume azure gets new openai stuff before aws does?')[0]).toBe(
      'microsoft-primary-partner',
    );
    expect(factIds('does openai still have to route everything through azure')[0]).toMatch(
      /^(?:any-cloud-provider|exclusivity-ended)$/,
    );
  });

  it('reads an eighth round: a claim credited to a publisher, a lead-in that asks nothing, more chat', () => {
    // OpenAI published the source: what it says there is OpenAI saying it.
    expect(factIds("so what's openai saying the next bottleneck for agentic coding is?")[0]).toBe(
      'agent-coding-bottleneck',
    );
    // "Forecast" in a lead-in asks for no forecast.
    expect(
      factIds(
        "modeling our partner forecast — is openai's revenue share to microsoft going away in the new deal or does it keep running for a while?",
      )[0],
    ).toBe('openai-revenue-share-continues');
    expect(
      factIds('wait was the openai/microsoft rework late april or early may 2026, my feed is a mess')[0],
    ).toBe('restructuring-announced');
    expect(factIds('the frontier-on-aws-only condition... why was that such a headache for openai?')[0]).toBe(
      'amazon-deal-triggered-restructuring',
    );
    expect(factIds('why are ppl calling the bedrock launch historic')[0]).toBe('bedrock-first-multicloud');
    expect(
      factIds('in theory could openai put its stuff on GCP now, or is that still contractually blocked?')[0],
    ).toBe('any-cloud-provider');
  });

  it('reads "whats" as a question word, and a comment beside a why-question as background', () => {
    expect(factIds("whats the catch with amazon's money, nobody gives away billions for free")[0]).toBe(
      'amazon-frontier-condition',
    );
    expect(factIds('why restructure at all tho, things seemed fine between them')[0]).toBe(
      'amazon-deal-triggered-restructuring',
    );
  });

  it('reads a ninth round: "or nah" asks yes or no, a phrase split by its object, PR bumps', () => {
    expect(factIds('so openai is still kicking money up to microsoft in like 2029 or nah')[0]).toBe(
      'openai-revenue-share-continues',
    );
    expect(factIds("contract review: is microsoft's access to openai IP still valid in 2031?")[0]).toBe(
      'ip-licence-term',
    );
    expect(factIds('what set the whole restructuring in motion')[0]).toBe(
      'amazon-deal-triggered-restructuring',
    );
    expect(factIds('how big was the PR bump from symphony')[0]).toBe('symphony-pull-requests');
    expect(factIds('what year did the azure-only setup between them kick in')[0]).toBe('exclusivity-ended');
    expect(factIds('was it amazons fault that msft had to loosen the azure leash')[0]).toBe(
      'amazon-deal-triggered-restructuring',
    );
  });

  it('reads a tenth round: months qualified in a choice, a percentage of revenue, more doubt', () => {
    expect(factIds('when did the microsoft/openai news drop, was it end of april or early may?')[0]).toBe(
      'restructuring-announced',
    );
    // "A percentage of its revenue" is the revenue share, not a rate asked for.
    expect(factIds('is msft still on the hook to pay openai a percentage of its revenue')[0]).toBe(
      'microsoft-stops-revenue-share',
    );
    expect(
      factIds(
        'did microsoft and openai seriously rewrite their whole agreement or is that just twitter cope',
      )[0],
    ).toBe('restructuring-announced');
    expect(factIds('what was the first real-world test of the multi-cloud plan')[0]).toBe(
      'bedrock-first-multicloud',
    );
    expect(
      factIds(
        'finance is updating the vendor risk memo and needs the exact day the restructure was announced',
      )[0],
    ).toBe('restructuring-announced');
  });

  it("keeps to what is asked where this session's patterns could read too much", () => {
    const read = (q: string) => engine.explain(q).analysis;
    // "Asking for" inside the question is the question, not who asks.
    expect(read('is microsoft asking for a bigger share of revenue').terms).toEqual(
      expect.arrayContaining(['share', 'revenu']),
    );
    // An ordinal "first" is no priority; a drop in size is no release.
    expect(read('did openai hit its first big milestone on bedrock').terms).not.toContain('prioriti');
    expect(read('was there a sharp drop after the news?').terms).not.toContain('launch');
    // The verb asked about comes after a name or a pronoun, not after "my".
    expect(read('can my employer use gpt on aws?').details).toEqual([]);
    expect(read('can microsoft sublicense the openai IP?').details).toEqual(['sublicense']);
  });

  it('reads an eleventh round: a slide due tomorrow, a bare percent sign, kicking revenue up', () => {
    expect(
      factIds('what improvement did openai claim from symphony? need the number for a slide tomorrow')[0],
    ).toBe('symphony-pull-requests');
    expect(factIds('did the % openai hands microsoft go up, down, or stay flat?')[0]).toBe(
      'openai-revenue-share-continues',
    );
    expect(factIds('so openai still has to kick revenue up to microsoft? through when')[0]).toBe(
      'openai-revenue-share-continues',
    );
    expect(factIds('AGI clause still alive or nah')[0]).toBe('agi-clause-removed');
    expect(factIds('what pushed the two companies back to the negotiating table?')[0]).toBe(
      'amazon-deal-triggered-restructuring',
    );
    expect(
      factIds(
        "people on x keep saying microsoft 'lost' openai exclusivity. is that official or just engagement farming",
      )[0],
    ).toMatch(/exclusiv/);
  });

  it('reads a twelfth round: years offered as guesses, X first or Y first, ballpark durations', () => {
    // A year offered after the question is a guess to correct, not a period asked about.
    expect(factIds('msft ip rights expire when? 2030?')[0]).toBe('ip-licence-term');
    expect(factIds('how long was openai locked into azure before this? since like 2019?')[0]).toBe(
      'exclusivity-ended',
    );
    expect(factIds('new openai product drops -> azure first or aws first?')[0]).toBe(
      'microsoft-primary-partner',
    );
    expect(factIds('ballpark how long until openai on bedrock is fully generally available?')[0]).toBe(
      'bedrock-general-availability',
    );
    expect(factIds('lmao did the agi clause finally die')[0]).toBe('agi-clause-removed');
    // "Losing their minds over" is chatter; "over" there is no ending.
    expect(engine.explain('why is everyone losing their minds over bedrock lol').analysis.terms).toEqual([
      'bedrock',
    ]);
  });

  it('reads a thirteenth round: news that dropped, a forwarded question with a bare tag, plain words', () => {
    expect(
      factIds(
        'someone in #general said the msft/openai contract thing dropped late april... which day exactly?',
      )[0],
    ).toBe('restructuring-announced');
    expect(factIds('when exactly did msft and openai drop the partnership rewrite')[0]).toBe(
      'restructuring-announced',
    );
    expect(
      factIds(
        'Fwd from a prospect: "can we hit GPT models from our AWS account without going through Azure?" possible?',
      )[0],
    ).toBe('bedrock-gpt-and-codex');
    expect(
      factIds("what does 'first call' actually mean for microsoft in this deal, in normal human words")[0],
    ).toBe('microsoft-primary-partner');
    expect(factIds('how long was openai chained to azure before they finally cut it loose')[0]).toBe(
      'exclusivity-ended',
    );
    expect(factIds('What actually set the Microsoft–OpenAI renegotiation in motion?')[0]).toBe(
      'amazon-deal-triggered-restructuring',
    );
  });

  it('keeps to what is asked where the later patterns could read too much', () => {
    // A follow-up with a question word is a question of its own, not a tag.
    expect(engine.ask('"Does Microsoft still get a revenue share from OpenAI?" How much?').text).toMatch(
      /figure/,
    );
    // A period asked about ("in 2019?") is no guess.
    expect(engine.ask('What changed in the partnership, in 2019?').text).toMatch(/period/);
    // "Drop early" is no release, "kick the IPO up a notch" no payment, a modal drop no announcement.
    expect(engine.explain('Does Azure exclusivity drop early if OpenAI hits AGI?').analysis.terms).toContain(
      'end',
    );
    expect(engine.explain('Did they kick the IPO up a notch?').analysis.terms).not.toContain('pai');
    expect(
      engine.explain('Could Microsoft drop the overhaul and keep exclusivity?').analysis.terms,
    ).not.toContain('announc');
    // "Ballpark how many years" asks how long; "stay flat" is unchanged.
    expect(factIds("Ballpark how many years until Microsoft's IP licence ends?")[0]).toBe('ip-licence-term');
    expect(factIds('Did the revenue share stay flat?')[0]).toBe('openai-revenue-share-continues');
  });

  it('reads who hands whom money, even with words between', () => {
    expect(factIds('does openai still have to hand microsoft a cut of revenue?')[0]).toBe(
      'openai-revenue-share-continues',
    );
    expect(factIds('does microsoft still hand openai a cut of revenue?')[0]).toBe(
      'microsoft-stops-revenue-share',
    );
  });

  it('leads with the fact that says what a thing is when asked what it is and why', () => {
    expect(factIds('what is Frontier, and why did Amazon want it?')).toEqual([
      'amazon-frontier-condition',
      'amazon-deal-triggered-restructuring',
    ]);
  });

  it('prefers the fact that states what "when" and "why" ask for', () => {
    expect(factIds('when did openai models come to bedrock')[0]).toBe('bedrock-launch');
    expect(factIds('why was the partnership renegotiated')[0]).toBe('amazon-deal-triggered-restructuring');
  });
});

describe('abstaining', () => {
  it.each([
    [
      'an unknown company',
      'How much did Nvidia invest in OpenAI?',
      /don't cover that about Nvidia|don't mention/,
    ],
    ['a known company with a fact that is not there', 'Did Oracle get rights to Frontier?', /don't cover/],
    ['unknown content words', 'What does GPT cost per token on Bedrock?', /don't cover/],
    ['an off-topic question', "what's the weather in Paris tomorrow", /don't/],
    ['a name nobody mentioned', 'Did Lisa Su approve the deal?', /don't mention/],
    // "which" ending the question asks for regions, which no fact names.
    [
      'a kind of thing asked for at the end',
      'openai models on bedrock are offered in which aws regions?',
      /don't cover/,
    ],
    [
      'examples no fact gives',
      'What capabilities would Microsoft be unable to support? Any examples?',
      /don't cover/,
    ],
    [
      'a span no fact gives',
      'How long were Microsoft and OpenAI negotiating before the announcement?',
      /how long/,
    ],
    [
      'other companies no fact names',
      'Now that the licence is non-exclusive, which other companies have licensed OpenAI IP?',
      /don't cover/,
    ],
    // The facts speak of teams, but name none.
    ['things the facts speak of without naming them', 'Which teams saw the Symphony gain?', /don't cover/],
  ])('on %s, and suggests topics', (_label, question, reason) => {
    const answer = engine.ask(question);
    expect(answer.kind).toBe('abstain');
    expect(answer.answered).toBe(false);
    expect(answer.citations).toEqual([]);
    expect(answer.text).toMatch(reason);
    expect(answer.text).toContain('I answer questions about the April 2026 restructuring');
    expect(answer.suggestions.length).toBeGreaterThan(0);
    for (const s of answer.suggestions) expect(engine.resolveTopic(s.topic)?.id).toBe(s.topic);
  });
});

describe('abstaining on a detail the sources lack, saying what they do say', () => {
  it.each([
    // The facts speak of teams and of a 500% gain, but count no teams.
    ['a count', 'How many teams saw the Symphony gain?', /don't give that figure/, 'symphony-pull-requests'],
    // The source says the percentage stays the same, and that it does not state it.
    [
      'a figure the source says it does not give',
      'What percentage of its revenue does OpenAI pay Microsoft?',
      /don't give that figure/,
      'openai-revenue-share-continues',
    ],
    // The "500%" is not what "how many teams" asks for.
    [
      'a count, whatever else the question quotes',
      'How many teams saw the 500% PR jump from Symphony?',
      /don't give that figure/,
      'symphony-pull-requests',
    ],
    // General availability is expected "within weeks": no date.
    [
      'an exact date',
      "What's the exact GA date for OpenAI models on Bedrock?",
      /date/,
      'bedrock-general-availability',
    ],
    ['a date for an undated fact', 'When did OpenAI release Symphony?', /date/, 'symphony-pull-requests'],
    [
      'a forecast',
      'Is the cap on the revenue share likely to be raised later?',
      /forecast/,
      'revenue-share-capped',
    ],
    [
      'a figure put up for confirmation',
      "Isn't it true Microsoft's stake in OpenAI is exactly 30%?",
      /figure/,
      'microsoft-major-shareholder',
    ],
    ['an exact date', 'When exactly will OpenAI go public?', /date/, 'possible-ipo-2026'],
    [
      'the wording of a clause',
      'How was AGI defined in the clause that was dropped?',
      /wording/,
      'agi-clause-removed',
    ],
    // Amazon's pledge is dated to the month only.
    ['a day', 'On what day in February did Amazon pledge the money?', /date/, 'amazon-commitment'],
    [
      'a month of a year given only as a year',
      'Which month of 2022 did the exclusivity begin?',
      /date/,
      'exclusivity-ended',
    ],
    // ...while "in February" is answered (see above).
    ['a month no fact is dated in', 'What did Amazon pledge in March?', /period/, 'amazon-commitment'],
    // A period counted from today is after the sources, however on-topic the rest. (Asked yes
    // or no, "Is Microsoft still paying OpenAI anything this week?", the fact answers it.)
    [
      'a period counted from today',
      'What does Microsoft pay OpenAI this week?',
      /period/,
      'microsoft-stops-revenue-share',
    ],
  ])('on %s', (_label, question, reason, related) => {
    const answer = engine.ask(question);
    expect(answer.kind).toBe('abstain');
    expect(answer.answered).toBe(false);
    expect(answer.text).toMatch(reason);
    expect(answer.text).toContain('What they do say:');
    expect(answer.text).toContain('[1]');
    expect(answer.citations.map((c) => c.factId)).toEqual([related]);
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });

  it('answers what a source or a company says about something', () => {
    expect(factIds('what did openai say about symphony')[0]).toBe('symphony-pull-requests');
    expect(factIds('What does the piece say the next choke point for coding agents is?')[0]).toBe(
      'agent-coding-bottleneck',
    );
    // Google is a cloud provider the facts cover as a class, but no fact gives its word.
    expect(engine.ask('what did google say about the microsoft openai deal').answered).toBe(false);
    expect(factIds('What does the article say about the IP licence being exclusive?')[0]).toBe(
      'ip-licence-non-exclusive',
    );
  });

  it('abstains on a choice about a subject it does not know, a dollar figure and what will happen', () => {
    // "or just hype" would settle a choice about something known; Llama is not.
    expect(engine.ask('is llama really open source or just hype').answered).toBe(false);
    expect(engine.ask('what is the dollar limit on what openai owes microsoft?').text).toMatch(/figure/);
    const future = engine.ask('is Google Cloud going to host OpenAI models?');
    expect(future.answered).toBe(false);
    expect(future.text).toMatch(/whether that will happen with Google Cloud\. What they do say: OpenAI may/);
  });

  it('abstains on what a party is going to do, and on examples the facts do not give', () => {
    expect(
      engine.ask('is microsoft going to train its own models now that the licence is non-exclusive?').text,
    ).toMatch(/forecast/);
    expect(
      engine.ask('give me an example of a capability Azure lacks that lets OpenAI launch elsewhere first')
        .answered,
    ).toBe(false);
  });

  it('keeps to what is asked when review found its patterns catching innocent questions', () => {
    // "How do I know..." asks about the news, not for steps.
    expect(factIds('How do I know whether Azure is still exclusive?')[0]).toBe('exclusivity-ended');
    // "What is X going to pay?" asks the terms; "is X going to drop Y?" is answered by the fact that it did.
    expect(factIds('What is OpenAI going to pay Microsoft?')[0]).toBe('openai-revenue-share-continues');
    expect(factIds('Is Microsoft going to drop the AGI clause?')[0]).toBe('agi-clause-removed');
    // A message that asks its own question beside a quoted one is read whole.
    expect(
      factIds('Someone asked "is Azure still exclusive?" and I said no. So when did Amazon invest?')[0],
    ).toBe('amazon-commitment');
    // Dropping something from a deal is removing it; who did something first is no priority.
    expect(factIds('Did Microsoft drop anything from the deal?')[0]).not.toBe('bedrock-launch');
    expect(factIds('Did Microsoft invest in OpenAI before Amazon?')).not.toContain(
      'microsoft-primary-partner',
    );
    // An "if" clause opening the message sets up a case too; "not clear if" is "whether".
    expect(factIds('If OpenAI takes off on other clouds, how does Microsoft still profit?')[0]).toBe(
      'microsoft-major-shareholder',
    );
    // "After Symphony" is with it; "Codex 5 sessions" counts sessions and names no version.
    expect(engine.ask('How many Codex sessions can engineers run after Symphony?').text).toMatch(/figure/);
    expect(factIds('Did Codex 5 sessions become the limit?')[0]).toBe('codex-session-ceiling');
  });

  it('abstains on when or how often something applies, however much else a fact explains', () => {
    expect(factIds("is the cap on openai's payments to microsoft applied retroactively?")).toEqual([]);
    expect(factIds('does openai pay microsoft its revenue share quarterly?')).toEqual([]);
    expect(factIds('is the revenue share cap reset annually?')).toEqual([]);
  });

  it('abstains on an action a yes-or-no question asks about that no fact states, citing what they do say', () => {
    const sublicense = engine.ask('can microsoft sublicense the openai IP to third parties?');
    expect(sublicense.kind).toBe('abstain');
    expect(sublicense.text).toMatch(/^My sources don't say that\. What they do say: .*\[1\]/);
    expect(sublicense.citations.map((c) => c.factId)).toEqual(['ip-licence-non-exclusive']);
    expect(factIds('has amazon actually wired the money yet?')).toEqual([]);
    expect(factIds('does openai still have to train its models on azure compute')).toEqual([]);
    // An action the facts do state is answered.
    expect(factIds('can openai sell its products on google cloud?')[0]).toBe('any-cloud-provider');
    expect(factIds('does openai still have to pay microsoft?')[0]).toBe('openai-revenue-share-continues');
  });

  it('abstains on a deal between other parties than the ones the facts speak of', () => {
    expect(factIds('what about the anthropic amazon deal?')).toEqual([]);
    expect(factIds('did the google anthropic deal get restructured too?')).toEqual([]);
  });

  it('abstains on how to do something, which the news gives no steps for', () => {
    const answer = engine.ask('how do i get access to codex through aws?');
    expect(answer.answered).toBe(false);
    expect(answer.text).toMatch(/how to do that\. What they do say: .*Codex/);
    expect(engine.ask('how to run a minecraft server on azure for free').answered).toBe(false);
    // Asking how something works out is no request for steps.
    expect(factIds('how does microsoft still benefit as openai grows?')[0]).toBe(
      'microsoft-major-shareholder',
    );
  });

  it('reads a nonprofit as no kind of profit, while "uncapped" is still about a cap', () => {
    expect(engine.ask('is openai a nonprofit now?').answered).toBe(false);
    expect(factIds('are the payments openai makes to microsoft uncapped?')[0]).toBe('revenue-share-capped');
  });

  it('reads prices or revenue that drop as falling, and "now that..." as background', () => {
    expect(engine.ask('will azure openai costs drop now that exclusivity has ended?').answered).toBe(false);
    expect(engine.ask("is microsoft's revenue going to drop because of this?").answered).toBe(false);
    expect(factIds('did they drop the AGI clause?')[0]).toBe('agi-clause-removed');
  });

  it('abstains on whether something is open source, and on last year', () => {
    expect(engine.ask('is codex open source?').answered).toBe(false);
    expect(engine.ask('what did microsoft earn from openai last year?').text).toMatch(/period/);
  });

  it('abstains on a model version the facts never name', () => {
    const answer = engine.ask('can aws customers call GPT-4o through bedrock?');
    expect(answer.answered).toBe(false);
    expect(answer.text).toMatch(/don't mention GPT-4o\./);
    expect(answer.suggestions[0]?.topic).toBe('bedrock');
    expect(factIds('can aws customers call GPT models through bedrock?')[0]).toBe('bedrock-gpt-and-codex');
  });

  it('gives a figure only for what it holds of: the session limit was before Symphony', () => {
    expect(
      engine.ask('using symphony, how many codex sessions can one engineer keep going at once?').text,
    ).toMatch(/figure/);
    expect(
      factIds('before symphony, how many codex sessions could one engineer keep going at once?')[0],
    ).toBe('codex-session-ceiling');
  });

  it('credits what a publisher thinks or reckons to its source', () => {
    expect(factIds('what does openai think the next limit on coding agents is?')[0]).toBe(
      'agent-coding-bottleneck',
    );
    expect(factIds('what does openai reckon will slow agent coding down next?')[0]).toBe(
      'agent-coding-bottleneck',
    );
  });

  it('reads ", because ..." after a question as the asker\'s reason, not a question why', () => {
    expect(factIds("what's the ipo angle here, because there's always one")[0]).toBe('possible-ipo-2026');
  });

  it("reads getting something before the other clouds' customers as getting it first", () => {
    expect(factIds('do azure customers still get new openai models before the aws crowd does?')[0]).toBe(
      'microsoft-primary-partner',
    );
    expect(factIds('do azure customers still get new openai models before people on other clouds?')[0]).toBe(
      'microsoft-primary-partner',
    );
  });

  it("abstains on what was done to something of a company's that no fact states", () => {
    const diluted = engine.ask("did microsoft's stake get diluted as part of the deal?");
    expect(diluted.text).toMatch(/^My sources don't say that\. What they do say: Microsoft keeps/);
    expect(factIds("did microsoft's stake get smaller?")).toEqual([]);
  });

  it('does not say whether a launch on a named cloud comes next, only what is allowed', () => {
    const next = engine.ask('will openai ship on google cloud next?');
    expect(next.kind).toBe('abstain');
    expect(next.text).toMatch(/^My sources don't say whether that will happen with Google Cloud\./);
    expect(factIds('can openai ship its products on oracle cloud now?')[0]).toBe('any-cloud-provider');
  });

  it('keeps a word the question asks about even when a ruled-out clause repeats it', () => {
    expect(
      factIds(
        "we run on bedrock but won't touch anything that isn't generally available. how long till it's GA?",
      )[0],
    ).toBe('bedrock-general-availability');
  });

  it('knows a few more ways to say what drove the overhaul and who is in the middle', () => {
    expect(factIds('the overhaul was driven by amazon, right?')[0]).toBe(
      'amazon-deal-triggered-restructuring',
    );
    // Not any growth "driven by" a cloud.
    expect(engine.ask("is openai's growth driven by azure?").answered).toBe(false);
    expect(factIds("did amazon's $50B end up colliding with azure exclusivity?")[0]).toBe(
      'amazon-deal-triggered-restructuring',
    );
    expect(factIds('can we use gpt on aws without microsoft in the middle?')[0]).toBe(
      'bedrock-gpt-and-codex',
    );
    expect(factIds("'first call' gets thrown around a lot; what does it mean?")).toEqual([
      'microsoft-primary-partner',
    ]);
  });

  it('reads a bare phrase naming a rate as asking for it, unless it compares the rate', () => {
    for (const q of ['rev share % openai pays msft?', 'revenue share percentage openai pays']) {
      const answer = engine.ask(q);
      expect(answer.text, q).toMatch(/^My sources don't give that figure\. What they do say: OpenAI keeps/);
    }
    expect(factIds('is the rev share % the same as before?')[0]).toBe('openai-revenue-share-continues');
  });

  it('reads "100%" before a shop or a state as wholly, and a figure pointed back to as no figure asked', () => {
    expect(factIds("we're a 100% aws shop, can we get gpt models now?")[0]).toBe('bedrock-gpt-and-codex');
    expect(factIds('are you 100% sure the agi clause is gone?')[0]).toBe('agi-clause-removed');
    expect(factIds('what wall did devs hit with codex before the 500% boost?')[0]).toBe(
      'codex-session-ceiling',
    );
    // A figure put forward to confirm is still asked about, and one no fact states is not confirmed.
    expect(factIds('how big a jump did symphony give, and is it 500%?')[0]).toBe('symphony-pull-requests');
    expect(engine.ask('is the 27% stake still there?').text).toMatch(/^My sources don't give that figure\./);
    expect(factIds('ballpark, how soon is openai on bedrock GA?')[0]).toBe('bedrock-general-availability');
  });

  it('knows more chat words for money put in, wanting, exceptions and where a claim was read', () => {
    expect(factIds('how much is amazon putting behind openai?')[0]).toBe('amazon-commitment');
    expect(factIds('any loophole in the azure-first rule?')[0]).toBe('microsoft-primary-partner');
    expect(factIds('why was aws so thirsty for frontier?')).toContain('amazon-frontier-condition');
    expect(factIds('my boss keeps referring to the april announcement, what day was that?')[0]).toBe(
      'restructuring-announced',
    );
    expect(factIds("openai stops paying microsoft in 2028 right? that's what i read on reddit")[0]).toBe(
      'openai-revenue-share-continues',
    );
    // A deck is no topic of the partnership's.
    expect(factIds('can you summarise the Q3 sales deck')).toEqual([]);
  });

  it('reads "under the new terms" as the subject, not a question about conditions', () => {
    expect(factIds('which clouds can openai put its products on under the new terms?')[0]).toBe(
      'any-cloud-provider',
    );
    expect(factIds("what are the terms of amazon's money?")[0]).toBe('amazon-frontier-condition');
  });

  it('lets a fact stating what is asked lead only when it is nearly as strong as the best match', () => {
    expect(
      factIds(
        'had openai ever really done a multi-cloud rollout before the amazon one, or was it just talk until then?',
      )[0],
    ).toBe('bedrock-first-multicloud');
    // One taken in for stating the cause leads, however weak its words.
    expect(factIds('why did they even reopen the contract in the first place?')[0]).toBe(
      'amazon-deal-triggered-restructuring',
    );
  });

  it('reads a lead-in before a statement with a confirming tag as background, and "per that X/Y piece"', () => {
    expect(
      factIds(
        "quick check before i edit the vendor risk doc — openai isn't azure-exclusive anymore, correct?",
      )[0],
    ).toBe('exclusivity-ended');
    expect(factIds('per that openai/msft writeup, what will limit agent coding next?')[0]).toBe(
      'agent-coding-bottleneck',
    );
  });

  it('does not say what will come of a demand, only what was demanded', () => {
    const answer = engine.ask('is frontier going to be aws only?');
    expect(answer.text).toMatch(/^My sources don't say how that will turn out\. What they do say: Amazon/);
    expect(engine.ask('did aws end up with frontier exclusivity?').text).toMatch(/how that turned out\./);
  });

  it('knows usable, square with, remind me and metric', () => {
    expect(factIds('is codex usable for aws customers?')[0]).toBe('bedrock-gpt-and-codex');
    expect(factIds("how does amazon's ask for frontier square with openai being locked to azure?")[0]).toBe(
      'amazon-deal-triggered-restructuring',
    );
    expect(factIds('remind me, was the overhaul announced in april or may?')[0]).toBe(
      'restructuring-announced',
    );
    expect(factIds('what metric went up 500% with symphony?')[0]).toBe('symphony-pull-requests');
  });

  it('reads "can you summarize..." as a request, so a period counted from today is still not covered', () => {
    for (const q of ["could you recap last week's all-hands?", "can u summarise this week's partner news?"]) {
      expect(engine.ask(q).text, q).toMatch(/^My sources don't cover that period\./);
    }
  });

  it('abstains on who pays for something when the fact about it says nothing of paying', () => {
    const answer = engine.ask('does microsoft pay openai anything for the IP licence?');
    expect(answer.text).toMatch(/^My sources don't say that\. What they do say: Microsoft's licence/);
    expect(factIds('does openai still pay microsoft?')[0]).toBe('openai-revenue-share-continues');
  });

  it('asks for a figure with "the maximum number of", and gives no investment advice', () => {
    expect(engine.ask("what's the maximum number of codex sessions symphony supports?").text).toMatch(
      /^My sources don't give that figure\./,
    );
    expect(engine.ask('should we buy amazon stock after this?').text).toMatch(/give no opinion/);
  });

  it('reads a lower-case unknown word opening a yes-or-no question, or before a version, as a name', () => {
    expect(engine.ask('is deepseek releasing anything soon?').text).toMatch(
      /^My sources don't mention deepseek\./,
    );
    expect(engine.ask('qwen 3 on bedrock yet?').answered).toBe(false);
    // A misspelt name the knowledge base knows is no new name.
    expect(factIds('can opneai sell its stuff on other clouds now?')[0]).toBe('any-cloud-provider');
  });

  it('reads a leader as the company they lead, unless the question is about the person', () => {
    expect(factIds('does satya still get first dibs on new openai launches?')[0]).toBe(
      'microsoft-primary-partner',
    );
    expect(factIds('did bezos force satya back to the table?')[0]).toBe(
      'amazon-deal-triggered-restructuring',
    );
    expect(factIds('can sam now pick any cloud he likes?')[0]).toBe('any-cloud-provider');
    expect(factIds('does satya still have first call on new openai products?')[0]).toBe(
      'microsoft-primary-partner',
    );
    expect(factIds("who's openai's main partner now, still msft or did bezos take the crown?")[0]).toBe(
      'microsoft-primary-partner',
    );
    for (const q of [
      'what did bezos say about the deal?',
      "satya's thoughts on losing exclusivity?",
      "what's satya's take on the whole thing?",
      'who is satya?',
    ])
      expect(engine.ask(q).answered, q).toBe(false);
  });

  it('reads w/o, "asked me to confirm:", a rumour that says, and a few more chat words', () => {
    expect(factIds('can we use codex from aws w/o an azure account?')[0]).toBe('bedrock-gpt-and-codex');
    expect(
      factIds('exec team asked me to confirm: does the new agreement still have the agi clause?')[0],
    ).toBe('agi-clause-removed');
    expect(factIds("gossip in another discord says openai's payments to msft are capped now, true?")[0]).toBe(
      'revenue-share-capped',
    );
    expect(factIds("how much is amazon dangling in front of sam's company?")[0]).toBe('amazon-commitment');
  });

  it('takes how long something lasts from a fact as much about it as the best, or from a second question', () => {
    expect(
      engine.ask('how long does microsoft keep its first-call status, is there an end date?').text,
    ).toMatch(/^My sources don't say how long\./);
    expect(factIds('until when does openai pay microsoft, and is there a cap?')).toEqual(
      expect.arrayContaining(['openai-revenue-share-continues', 'revenue-share-capped']),
    );
    // "until then" asks for no duration.
    expect(
      factIds('did openai do any multi-cloud rollout before bedrock, or was it all talk until then?')[0],
    ).toBe('bedrock-first-multicloud');
  });

  it('abstains on what was given in return unless a fact states a demand', () => {
    const answer = engine.ask('what did microsoft get in return for ending its revenue share payments?');
    expect(answer.text).toMatch(
      /^My sources don't say what was given in return\. What they do say: Microsoft/,
    );
    expect(engine.ask('what did openai get in return for the new licence terms?').answered).toBe(false);
    expect(factIds('what did amazon want in exchange for the 50B?')).toContain('amazon-frontier-condition');
  });

  it('passes over who asks and what they do meanwhile: a CTO, migrating', () => {
    expect(factIds('we want to wait for GA on bedrock before migrating, any timeline?')[0]).toBe(
      'bedrock-general-availability',
    );
    expect(factIds("my cto wants to know: who's openai's main partner now, still microsoft?")[0]).toBe(
      'microsoft-primary-partner',
    );
  });

  it('looks for the cause or the terms of the year asked about in the facts of that year', () => {
    expect(engine.ask('what originally led to azure exclusivity in 2022?').answered).toBe(false);
    expect(engine.ask('what were the terms of the 2022 azure exclusivity arrangement?').text).toMatch(
      /^My sources don't give those terms\./,
    );
    expect(factIds('why did the restructuring happen?')[0]).toBe('amazon-deal-triggered-restructuring');
  });

  it('reads "is OpenAI on Google Cloud now?" as asking what has happened, not what may', () => {
    expect(engine.ask('is openai on google cloud now too?').text).toMatch(
      /^My sources don't say whether that has happened with Google Cloud\./,
    );
    expect(factIds('can openai be on google cloud now?')[0]).toBe('any-cloud-provider');
  });

  it('reads "dev teams" as developers and teams, so Symphony\'s teams are among them', () => {
    expect(factIds('what does openai say symphony did for dev teams?')[0]).toBe('symphony-pull-requests');
    expect(factIds('can our dev team use codex through aws now?')[0]).toBe('bedrock-gpt-and-codex');
  });

  it('reads a fiscal year as a year, "before everybody else" as first, and how a clash was resolved', () => {
    expect(factIds("are openai's payments to msft still coming in FY28?")[0]).toBe(
      'openai-revenue-share-continues',
    );
    expect(engine.ask("what happens to openai's payments to microsoft in FY31?").text).toMatch(
      /^My sources don't cover that period\./,
    );
    expect(
      factIds('does azure still get new openai models before everybody else or is it a free for all?')[0],
    ).toBe('microsoft-primary-partner');
    expect(factIds('how did the clash between amazon and azure exclusivity get resolved?')[0]).toBe(
      'amazon-deal-triggered-restructuring',
    );
  });

  it('reads "living in 2023" as out of date, and knows leaving preview, delivering and kicking money over', () => {
    expect(factIds('is my cto living in 2023 when he says openai is azure-only?')[0]).toBe(
      'exclusivity-ended',
    );
    expect(factIds('how long till openai on bedrock leaves preview?')[0]).toBe(
      'bedrock-general-availability',
    );
    expect(factIds('can openai deliver its products through non-microsoft clouds now?')[0]).toBe(
      'any-cloud-provider',
    );
    expect(factIds('what happens to the money microsoft used to kick over to openai?')[0]).toBe(
      'microsoft-stops-revenue-share',
    );
  });

  it('reads "wen", a lead-in before "through what year", and "something I missed"', () => {
    expect(factIds('wen bedrock GA?')[0]).toBe('bedrock-general-availability');
    expect(
      factIds("building a forecast model — through what year do openai's payments to microsoft run?")[0],
    ).toBe('openai-revenue-share-continues');
    expect(factIds("what's frontier? some openai thing i missed?")[0]).toBe('amazon-frontier-condition');
  });

  it('reads "what does the article say?" after a question as asking what it says, not its wording', () => {
    expect(
      factIds('what will cap ai coding agents next, compute or people? what does the article say')[0],
    ).toBe('agent-coding-bottleneck');
    expect(engine.ask('what did the agi clause say?').text).toMatch(/^My sources don't give the wording\./);
  });

  it('answers a yes-or-no question about the figure as it stands', () => {
    expect(factIds('Is there a cap on what OpenAI pays Microsoft?')[0]).toBe('revenue-share-capped');
    expect(factIds('same % as before on the payments OpenAI makes to Microsoft?')[0]).toBe(
      'openai-revenue-share-continues',
    );
  });
});

describe('bad input', () => {
  it('asks for a question when given nothing, or only mentions and spaces', () => {
    for (const q of ['', '   ', '\u200b\u200b', '<@U123ABC> <!channel>', '@everyone', '@@everyone'])
      expect(engine.ask(q).kind, JSON.stringify(q)).toBe('error');
    // A mention hidden inside another does not survive the clean-up either.
    expect(engine.ask('<<!channel>!channel> hi').question).not.toMatch(/<[!@]/);
  });

  it('refuses a huge question in one short line', () => {
    const answer = engine.ask('why'.padEnd(20_000, '?'));
    expect(answer.kind).toBe('error');
    expect(answer.text).toMatch(/too long \(20,000 characters\)/);
    expect(answer.text.length).toBeLessThan(120);
    expect(engine.ask('a'.repeat(MAX_QUESTION_CHARS)).kind).not.toBe('error');
  });

  it('reads long runs of emoji, quotes, dashes and the words its patterns key on without stalling', () => {
    // A pattern that backtracks on such runs would take seconds here and time the test out.
    const runs = [
      '🙃 ',
      ' 🙃🏽\u200d',
      '"',
      '— ',
      'if ',
      'once ',
      'before aws ',
      'how do i ',
      'is it going to ',
      'out of ',
      'gpt-5 ',
      'get new ',
      'can microsoft ',
      'instead of ',
      'refuses to touch ',
      'or am i ',
      'asking for my ',
      'msft still ',
      'set the ',
      '100% on ',
      'besides the ',
      'per openai says ',
      'the drop ',
      'x.com ',
      'modeling our forecast: ',
    ];
    for (const run of runs) {
      const q = `is azure exclusive ${run.repeat(Math.floor((MAX_QUESTION_CHARS - 30) / run.length))}?`;
      expect(['answer', 'abstain', 'error'], JSON.stringify(run)).toContain(engine.ask(q).kind);
    }
  });

  it('reads a question through mention syntax, odd Unicode and invisible characters', () => {
    expect(factIds('<@U0123> when does the ＩＰ licence\u200b end?')[0]).toBe('ip-licence-term');
    expect(factIds('@everyone is the AGI clause gone?')[0]).toBe('agi-clause-removed');
  });

  it('never throws, and answers carry consistent citations, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (q) => {
        const answer = engine.ask(q);
        expect(['answer', 'abstain', 'error']).toContain(answer.kind);
        expect(answer.answered).toBe(answer.kind === 'answer');
        if (answer.answered) expect(answer.citations.length).toBeGreaterThan(0);
        else expect(answer.citations).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on questions built from the knowledge base vocabulary', () => {
    const words = engine.kb.facts.flatMap((f) => f.statement.split(/\s+/));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 40 }), (ws) => {
        const answer = engine.ask(ws.join(' '));
        for (const c of answer.citations) expect(engine.kb.facts.some((f) => f.id === c.factId)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('topics, timeline, sources, suggestions', () => {
  it('lists a topic by id, name or alias, every fact cited', () => {
    for (const name of ['licensing', 'IP licence', 'license', 'ip']) {
      const answer = engine.topic(name);
      expect(answer.title, name).toBe('Topic: IP licence');
      expect(answer.citations.map((c) => c.factId)).toEqual(['ip-licence-term', 'ip-licence-non-exclusive']);
      expect(answer.text.split('\n')).toHaveLength(2);
    }
  });

  it('says which topics exist when the name is unknown', () => {
    const answer = engine.topic('weather');
    expect(answer.kind).toBe('error');
    expect(answer.text).toContain('I have no topic called "weather"');
    expect(answer.suggestions).toHaveLength(engine.kb.topics.length);
  });

  it('puts the dated events in order', () => {
    const answer = engine.timeline();
    const dates = answer.citations.map((c) => engine.kb.facts.find((f) => f.id === c.factId)?.date ?? '');
    expect(dates[0]).toBe('2022');
    expect(dates.indexOf('2026-02')).toBeLessThan(dates.indexOf('2026-04-27'));
    expect(dates.indexOf('2026-04-27')).toBeLessThan(dates.indexOf('2026-04-28'));
    expect(dates.at(-1)).toBe('2032');
    expect(answer.text.split('\n')[0]).toMatch(/^• 2022: .*\[1\]\.$/);
  });

  it('names its sources', () => {
    const answer = engine.sources();
    expect(answer.text).toContain(
      '"Microsoft and OpenAI End Azure Exclusivity in Partnership Overhaul", Microsoft Blog, OpenAI, 28 April 2026',
    );
    expect(answer.text).toContain(`${engine.kb.facts.length} facts in ${engine.kb.topics.length} topics`);
  });

  it('suggests at most 25 questions it answers, matching what was typed', () => {
    const all = engine.suggestQuestions('');
    expect(all.length).toBeGreaterThan(0);
    expect(all.length).toBeLessThanOrEqual(25);
    const typed = engine.suggestQuestions('licen');
    expect(typed.length).toBeGreaterThan(0);
    for (const q of typed) {
      expect(q.toLowerCase()).toMatch(/licen|ip/);
      expect(q.length).toBeLessThanOrEqual(100);
      expect(engine.ask(q).answered, q).toBe(true);
    }
  });
});
