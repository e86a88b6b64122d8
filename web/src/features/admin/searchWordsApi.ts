import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SearchWords, SearchWordsList } from '@portico/contracts';
import { useApi } from '../../app/session/context';

const KEY = ['admin', 'search-words'] as const;

export function useSearchWords() {
  const api = useApi();
  return useQuery({
    queryKey: KEY,
    queryFn: async () => (await api.get<SearchWordsList>('/api/admin/directory/search-words')).serviceLines,
  });
}

export function useSaveSearchWords() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, words }: { code: string; words: string[] }) =>
      api.put<SearchWords>(`/api/admin/directory/search-words/${encodeURIComponent(code)}`, { words }),
    onSuccess: () => void client.invalidateQueries({ queryKey: KEY }),
  });
}

/** Words as typed in the box: separated by spaces, commas or new lines. */
export function splitWords(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((w) => w.trim())
    .filter((w) => w !== '');
}
