/**
 * The LWP debug adapter: the Debug Adapter Protocol in front of the core's
 * Debugger (src/core/debug). VS Code runs it inside the extension (an
 * inline adapter); `lwp dap` runs it over stdio for other editors.
 *
 * What the client sees (docs/debugging.md): thread 1 is "Machine" (always
 * there, so the Variables view has a frame even when no user thread is
 * left), threads 2… are the live user threads (engine id + 2) with their
 * state in the name; a thread's stack is its statement nesting; every frame
 * shows the same five scopes (Machine, LWPs, Threads, Sync objects, Metrics
 * so far). Invariants: forward commands run in slices of SLICE events
 * between turns of the event loop, so `pause` and `disconnect` are heard; a
 * stop's handles (frames, variables) are valid until the next stop; the
 * adapter never throws at the client: a bad request gets an error response
 * with a message.
 */
import { basename } from 'node:path';
import { Breakpoint, Handles, InitializedEvent, LoggingDebugSession, OutputEvent, Scope, Source, StackFrame, StoppedEvent, TerminatedEvent, Thread, Event } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { analyze } from '../core/analyze';
import { Debugger, type Search, type Stop } from '../core/debug/debugger';
import { EVENT_FILTERS } from '../core/debug/events';
import { hasChildren, type Variable } from '../core/debug/view';
import { LineMap } from '../core/syntax/lineMap';
import { DEBUG_TIME_EVENT, type DebugTimeBody } from '../shared/debug-protocol';

/** Events per slice of a forward command between two turns of the event loop (a few ms). */
const SLICE = 20_000;
/**
 * Quiet time after a stop (no request from the client) before the adapter
 * does the debugger's work ahead (Debugger.prepare: a copy the next step
 * back would make, tens of ms for a 10,000-thread run): after the requests
 * a client sends at a stop, before the user's next step.
 */
const IDLE_MS = 120;
const MACHINE_THREAD = 1;

export interface LaunchArguments extends DebugProtocol.LaunchRequestArguments {
  /** The .lwp file. */
  readonly program: string;
  readonly stopOnEntry?: boolean;
}

export interface AdapterHost {
  /** The text of a file (the editor's unsaved text when there is one). */
  readFile(path: string): Promise<string>;
}

interface Loaded {
  readonly path: string;
  readonly text: string;
  readonly lines: LineMap;
  readonly debugger: Debugger;
}

export class LwpDebugSession extends LoggingDebugSession {
  private loaded: Loaded | null = null;
  private pendingBreakpoints: DebugProtocol.SourceBreakpoint[] = [];
  private pendingFilters: string[] = ['deadlock'];
  private configured!: Promise<void>;
  private configurationDone!: () => void;
  private search: Search | null = null;
  private timer: ReturnType<typeof setImmediate> | null = null;
  private idle: ReturnType<typeof setTimeout> | null = null;
  /** Per reference: a scope's variables, or a variable whose members are read when asked for. */
  private handles = new Handles<readonly Variable[] | Variable>();
  private closed = false;

  constructor(private readonly host: AdapterHost) {
    super();
    this.setDebuggerLinesStartAt1(false);
    this.setDebuggerColumnsStartAt1(false);
    this.configured = new Promise((resolve) => (this.configurationDone = resolve));
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsStepBack: true,
      supportsEvaluateForHovers: true,
      supportsTerminateRequest: true,
      exceptionBreakpointFilters: EVENT_FILTERS.map((f) => ({ filter: f.id, label: f.label, description: f.description, default: f.id === 'deadlock' })),
    };
    this.sendResponse(response);
  }

  protected override launchRequest(response: DebugProtocol.LaunchResponse, args: LaunchArguments): void {
    void this.launch(response, args);
  }

  private async launch(response: DebugProtocol.LaunchResponse, args: LaunchArguments): Promise<void> {
    if (typeof args.program !== 'string' || args.program === '') return this.fail(response, "launch: 'program' must name a .lwp file");
    let text: string;
    try {
      text = await this.host.readFile(args.program);
    } catch (e) {
      return this.fail(response, `cannot read ${args.program}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const a = analyze(text);
    const lines = new LineMap(text);
    if (a.scenario === null) {
      const errors = a.diagnostics.filter((d) => d.severity === 'error').slice(0, 5);
      const list = errors.map((d) => {
        const p = lines.position(d.span.start);
        return `${basename(args.program)}:${p.line + 1}:${p.character + 1}: ${d.code} ${d.message}`;
      });
      return this.fail(response, `${basename(args.program)} has errors; fix them to debug it:\n${list.join('\n')}`);
    }
    this.loaded = { path: args.program, text, lines, debugger: new Debugger(text, a.scenario) };
    this.applyBreakpoints();
    this.loaded.debugger.setEventFilters(this.pendingFilters);
    this.sendEvent(new InitializedEvent());
    await this.configured;
    this.sendResponse(response);
    this.drive(this.loaded.debugger.begin(args.stopOnEntry === true));
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.configurationDone();
    this.sendResponse(response);
  }

  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    this.pendingBreakpoints = args.breakpoints ?? [];
    const results = this.applyBreakpoints();
    response.body = {
      breakpoints: this.pendingBreakpoints.map((b, i) => {
        const r = results?.[i];
        if (r === undefined) return new Breakpoint(false, b.line);
        const bp: DebugProtocol.Breakpoint = new Breakpoint(r.verified, this.convertDebuggerLineToClient(r.line), this.convertDebuggerColumnToClient(r.column));
        bp.id = r.id;
        if (r.message) bp.message = r.message;
        return bp;
      }),
    };
    this.sendResponse(response);
  }

  protected override setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse, args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    this.pendingFilters = [...args.filters];
    this.loaded?.debugger.setEventFilters(this.pendingFilters);
    this.sendResponse(response);
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    const view = this.loaded?.debugger.current?.view;
    const threads = [new Thread(MACHINE_THREAD, view ? `Machine — ${fmtTime(view.time)}` : 'Machine')];
    if (view) for (const t of view.threads) threads.push(new Thread(t.id + 2, `${t.name} — ${t.state}`));
    response.body = { threads };
    this.sendResponse(response);
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    const l = this.loaded;
    const stop = l?.debugger.current;
    if (!l || !stop) return this.fail(response, 'not stopped');
    const source = new Source(basename(l.path), this.convertDebuggerPathToClient(l.path));
    let frames: StackFrame[];
    if (args.threadId === MACHINE_THREAD) {
      const f = new StackFrame(frameId(MACHINE_THREAD, 0), `${stop.text}`, source, this.convertDebuggerLineToClient(0), this.convertDebuggerColumnToClient(0));
      frames = [f];
    } else {
      const t = stop.view.threads.find((x) => x.id + 2 === args.threadId);
      if (!t) return this.fail(response, `thread ${args.threadId} has exited`);
      frames = t.frames.map((fr, depth) => {
        const start = l.lines.position(fr.span?.start ?? 0);
        const end = l.lines.position(fr.span?.end ?? 0);
        const sf: DebugProtocol.StackFrame = new StackFrame(frameId(args.threadId, depth), fr.name, source, this.convertDebuggerLineToClient(start.line), this.convertDebuggerColumnToClient(start.character));
        sf.endLine = this.convertDebuggerLineToClient(end.line);
        sf.endColumn = this.convertDebuggerColumnToClient(end.character);
        return sf;
      });
    }
    const from = args.startFrame ?? 0;
    const count = args.levels ? args.levels : frames.length;
    response.body = { stackFrames: frames.slice(from, from + count), totalFrames: frames.length };
    this.sendResponse(response);
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse): void {
    const stop = this.loaded?.debugger.current;
    if (!stop) return this.fail(response, 'not stopped');
    response.body = { scopes: stop.view.scopes.map((s) => new Scope(s.name, this.handles.create(s.variables), false)) };
    this.sendResponse(response);
  }

  protected override variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): void {
    const held = this.handles.get(args.variablesReference);
    const list = held === undefined ? [] : isList(held) ? held : (held.children ?? []);
    const from = args.start ?? 0;
    const slice = args.count ? list.slice(from, from + args.count) : list.slice(from);
    response.body = { variables: slice.map((v) => this.variable(v)) };
    this.sendResponse(response);
  }

  protected override evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): void {
    const d = this.loaded?.debugger;
    if (!d?.current) return this.fail(response, 'not stopped');
    const v = d.evaluate(args.expression);
    if (v === null) return this.fail(response, `no thread, LWP, CPU, sync object or metric named '${args.expression.trim()}'; try 'time', 'worker#2', 'cache', 'LWP 3', 'CPU 0'`);
    response.body = { result: v.value, variablesReference: hasChildren(v) ? this.handles.create(v) : 0 };
    this.sendResponse(response);
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    this.command(response, (d) => d.continue());
  }

  protected override nextRequest(response: DebugProtocol.NextResponse, args: DebugProtocol.NextArguments): void {
    this.command(response, (d) => (args.threadId === MACHINE_THREAD ? d.stepIn() : d.next(args.threadId - 2)));
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse): void {
    this.command(response, (d) => d.stepIn());
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse, args: DebugProtocol.StepOutArguments): void {
    this.command(response, (d) => (args.threadId === MACHINE_THREAD ? d.stepIn() : d.stepOut(args.threadId - 2)));
  }

  protected override stepBackRequest(response: DebugProtocol.StepBackResponse, args: DebugProtocol.StepBackArguments): void {
    this.backCommand(response, (d) => (args.threadId === MACHINE_THREAD ? d.reverseContinue() : d.stepBack(args.threadId - 2)));
  }

  protected override reverseContinueRequest(response: DebugProtocol.ReverseContinueResponse): void {
    this.backCommand(response, (d) => d.reverseContinue());
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.search?.pause();
    this.sendResponse(response);
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.stopDriving();
    this.sendResponse(response);
    this.sendEvent(new TerminatedEvent());
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    this.stopDriving();
    this.closed = true;
    this.sendResponse(response);
  }

  // ---------------------------------------------------------------------------

  private applyBreakpoints(): ReturnType<Debugger['setBreakpoints']> | null {
    const l = this.loaded;
    if (!l) return null;
    return l.debugger.setBreakpoints(
      this.pendingBreakpoints.map((b) => ({
        line: this.convertClientLineToDebugger(b.line),
        column: b.column !== undefined ? this.convertClientColumnToDebugger(b.column) : undefined,
        condition: b.condition,
        hitCondition: b.hitCondition,
      })),
    );
  }

  private command(response: DebugProtocol.Response, start: (d: Debugger) => Search): void {
    const d = this.loaded?.debugger;
    if (!d?.current) return this.fail(response, 'not stopped');
    this.sendResponse(response);
    this.drive(start(d));
  }

  private backCommand(response: DebugProtocol.Response, go: (d: Debugger) => Stop): void {
    const d = this.loaded?.debugger;
    if (!d?.current) return this.fail(response, 'not stopped');
    this.sendResponse(response);
    this.stopped(go(d));
  }

  /** Advances a forward command slice by slice, yielding to the event loop between slices. */
  private drive(search: Search): void {
    this.stopDriving();
    this.search = search;
    const step = (): void => {
      this.timer = null;
      if (this.closed || this.search !== search) return;
      let stop: Stop | null;
      try {
        stop = search.advance(SLICE);
      } catch (e) {
        this.sendEvent(new OutputEvent(`lwp: internal error in the debugger: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`, 'stderr'));
        this.sendEvent(new TerminatedEvent());
        return;
      }
      if (stop === null) this.timer = setImmediate(step);
      else {
        this.search = null;
        this.stopped(stop);
      }
    };
    this.timer = setImmediate(step);
  }

  private stopDriving(): void {
    if (this.timer !== null) clearImmediate(this.timer);
    this.timer = null;
    this.search = null;
    this.quiet(false);
  }

  /** Every request postpones the work ahead: it runs only once the client has been quiet for IDLE_MS at a stop. */
  protected override dispatchRequest(request: DebugProtocol.Request): void {
    const waiting = this.idle !== null;
    this.quiet(false);
    super.dispatchRequest(request);
    if (waiting && this.search === null && !this.closed) this.quiet(true);
  }

  /** Arms (or disarms) the timer of the work ahead: a piece after IDLE_MS of quiet, the next ones soon after while there are more. */
  private quiet(arm: boolean, delay = IDLE_MS): void {
    if (this.idle !== null) clearTimeout(this.idle);
    this.idle = null;
    if (!arm) return;
    this.idle = setTimeout(() => {
      this.idle = null;
      if (this.closed || this.search !== null) return;
      let more = false;
      try {
        more = this.loaded?.debugger.prepare() ?? false;
      } catch (e) {
        this.sendEvent(new OutputEvent(`lwp: internal error in the debugger: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`, 'stderr'));
      }
      if (more) this.quiet(true, 10);
    }, delay);
  }

  private stopped(stop: Stop): void {
    this.handles.reset();
    this.quiet(!this.closed);
    const threadId = stop.threadId !== null && stop.view.threads.some((t) => t.id === stop.threadId) ? stop.threadId + 2 : MACHINE_THREAD;
    const ev: DebugProtocol.StoppedEvent = new StoppedEvent(stop.reason, threadId, stop.text);
    ev.body.description = stop.text;
    ev.body.allThreadsStopped = true;
    if (stop.breakpointIds.length) ev.body.hitBreakpointIds = [...stop.breakpointIds];
    this.sendEvent(ev);
    const body: DebugTimeBody = { time: stop.view.time, events: stop.view.events, file: this.loaded?.path ?? '' };
    this.sendEvent(new Event(DEBUG_TIME_EVENT, body));
  }

  private variable(v: Variable): DebugProtocol.Variable {
    return { name: v.name, value: v.value, variablesReference: hasChildren(v) ? this.handles.create(v) : 0 };
  }

  private fail(response: DebugProtocol.Response, message: string): void {
    response.success = false;
    response.message = message;
    this.sendResponse(response);
  }
}

function isList(held: readonly Variable[] | Variable): held is readonly Variable[] {
  return Array.isArray(held);
}

function frameId(thread: number, depth: number): number {
  return thread * 1000 + Math.min(depth, 999);
}

function fmtTime(ns: number): string {
  return ns >= 1e6 ? `${+(ns / 1e6).toFixed(3)}ms` : ns >= 1e3 ? `${+(ns / 1e3).toFixed(3)}us` : `${ns}ns`;
}
