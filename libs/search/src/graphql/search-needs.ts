import { FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { SearchNeeds } from '../search-engine';

/** The names of the fields selected in a selection set, fragments included. */
function selectedFields(set: SelectionSetNode | undefined, info: GraphQLResolveInfo): FieldNode[] {
  return (set?.selections ?? []).flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectedFields(selection.selectionSet, info);
    return selectedFields(info.fragments[selection.name.value]?.selectionSet, info);
  });
}

/** What a `search` selection asks for beyond the hits' concepts, so that the engine computes no more. */
export function searchNeeds(info: GraphQLResolveInfo): SearchNeeds {
  const top = info.fieldNodes.flatMap((node) => selectedFields(node.selectionSet, info));
  const hits = top.filter((field) => field.name.value === 'hits').flatMap((field) => selectedFields(field.selectionSet, info));
  const asks = (fields: FieldNode[], ...names: string[]) => fields.some((field) => names.includes(field.name.value));
  return {
    total: asks(top, 'total', 'totalIsEstimate'),
    facets: asks(top, 'facets'),
    matchDetails: asks(hits, 'matchedOn', 'highlight'),
  };
}
