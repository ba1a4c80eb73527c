export { qaPersonalData } from './qa.personal.js';
export { qaPlugin } from './qa.plugin.js';
export { pollFormAnswer } from './qa.poll-kinds.js';
export { pollReportItems } from './qa.poll-report.js';
export { createPollService } from './qa.polls.service.js';
export { PER_ADDRESS as QA_LIMITS } from './qa.routes.js';
export { AskBody, PollBody } from './qa.schemas.js';
export { createQaService, type QaService } from './qa.service.js';
export { issueVoter, resolveBallotVoter, resolveVoter, type Voter } from './qa.voter.js';
