/** `lockout init`: a starter inventory from a scan, the owner's answers, or a template. */
export { initInventory, InitError, type InitOptions, type InitOutcome } from './init.js';
export { AnswersEndedError, askAnswers } from './ask.js';
export { starterFromAnswers, templateStarter, type Answers } from './from-answers.js';
export { starterFromScan } from './from-scan.js';
export { renderStarter } from './render.js';
export { QUESTION_MARK, questionCount, type Note, type Starter } from './starter.js';
