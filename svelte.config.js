/** Svelte options shared by Vite, svelte-check and the component tests. */
export default {
  compilerOptions: {
    runes: true,
  },
};
