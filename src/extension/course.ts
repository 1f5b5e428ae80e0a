/**
 * "LWP: Open Course": the lessons shipped in course/ (one `.lwp` file each,
 * with questions), listed with the learner's progress; a chosen lesson opens
 * as an untitled copy (the learner may change it freely: each lesson ends
 * with a "try changing this") and starts Predict Then Run on it. Progress —
 * the best score per lesson — is kept in the extension's globalState.
 */
import * as vscode from 'vscode';

const PROGRESS_KEY = 'lwp.course.progress';

type Progress = Record<string, { readonly right: number; readonly total: number }>;

export interface CourseHooks {
  /** Starts Predict Then Run on a document. */
  readonly predict: (uri: vscode.Uri) => Thenable<unknown>;
}

export function registerCourse(context: vscode.ExtensionContext, hooks: CourseHooks): { readonly quizRevealed: (uri: vscode.Uri, right: number, total: number) => void } {
  /** Untitled copies opened from the course, by URI, to the lesson file they came from. */
  const opened = new Map<string, string>();
  const progress = (): Progress => context.globalState.get<Progress>(PROGRESS_KEY) ?? {};

  context.subscriptions.push(
    vscode.commands.registerCommand('lwp.openCourse', async (lesson?: unknown) => {
      const dir = vscode.Uri.joinPath(context.extensionUri, 'course');
      let files: string[];
      try {
        files = (await vscode.workspace.fs.readDirectory(dir)).filter(([n, t]) => t === vscode.FileType.File && n.endsWith('.lwp')).map(([n]) => n).sort();
      } catch {
        void vscode.window.showErrorMessage('LWP Lab: the course is missing from this installation (no course/ folder).');
        return;
      }
      const done = progress();
      let pick = typeof lesson === 'string' && files.includes(lesson) ? lesson : undefined;
      if (pick === undefined) {
        const items = files.map((f) => {
          const p = done[f];
          return { label: `${p && p.right === p.total ? '$(pass-filled) ' : p ? '$(circle-large-outline) ' : ''}${f.replace(/\.lwp$/, '').replace(/^(\d+)-/, '$1 · ').replace(/-/g, ' ')}`, description: p ? `best ${p.right} of ${p.total}` : '', file: f };
        });
        const chosen = await vscode.window.showQuickPick(items, { placeHolder: 'Choose a lesson: predict, then see the run' });
        pick = chosen?.file;
      }
      if (pick === undefined) return;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, pick)));
      const doc = await vscode.workspace.openTextDocument({ language: 'lwp', content: text });
      opened.set(doc.uri.toString(), pick);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
      await hooks.predict(doc.uri);
    }),
    // Test hook (internal): the progress kept.
    vscode.commands.registerCommand('_lwp.course.progress', () => progress()),
  );

  return {
    quizRevealed: (uri, right, total) => {
      const lesson = opened.get(uri.toString());
      if (lesson === undefined) return;
      const all = { ...progress() };
      const before = all[lesson];
      if (!before || right / total >= before.right / before.total) all[lesson] = { right, total };
      void context.globalState.update(PROGRESS_KEY, all);
    },
  };
}
