package io.stranglerkit.contract;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/** Every servlet application with this module publishes its part of the contract (kit.contract.publish=false to stop). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "kit.contract.publish", havingValue = "true", matchIfMissing = true)
@Import(PublishedContract.class)
public class PublishedContractAutoConfiguration {
}
