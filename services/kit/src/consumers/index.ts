export {
  defineConsumer,
  handlerFor,
  topicNamesOf,
  groupIdOf,
  type ConsumerGroup,
  type ConsumerGroupRef,
  type ConsumerSpec,
  type RecordOfTopics,
} from './ConsumerGroup';
