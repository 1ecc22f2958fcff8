// The story's words, one entry per step: the catalog keys of [title, what the machine does, its limit
// (what the next step fixes, or null)]. Short and plain: they are read aloud from a projector.

export const STEPS = 5;

export const TEXT = {
  1: ['story.step1.title', 'story.step1.text', 'story.step1.limit'],
  2: ['story.step2.title', 'story.step2.text', 'story.step2.limit'],
  3: ['story.step3.title', 'story.step3.text', 'story.step3.limit'],
  4: ['story.step4.title', 'story.step4.text', 'story.step4.limit'],
  5: ['story.step5.title', 'story.step5.text', null],
};
