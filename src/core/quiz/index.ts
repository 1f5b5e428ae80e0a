export { grade, quizQuestions, type AnswerKind, type Grade, type Question } from './quiz';
