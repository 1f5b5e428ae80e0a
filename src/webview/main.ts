// Placeholder: the chart (issue 5).
export {};
