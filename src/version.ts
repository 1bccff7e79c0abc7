// The tool's version, kept equal to package.json's by a test (reading package.json would cost start-up time).
export const VERSION = "0.1.0";
