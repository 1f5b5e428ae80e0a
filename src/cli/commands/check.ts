import { Exit, type Command } from '../io';

// Placeholder until this command is implemented (see the issues).
const command: Command = (_args, io) => {
  io.stderr('lwp check: not implemented yet\n');
  return Promise.resolve(Exit.Usage);
};
export default command;
